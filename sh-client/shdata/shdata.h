/* Sh-Data: the XML document carried in the Sh User-Data AVP (TS 29.328 Annex C/D, ShDataType.xsd),
 * parsed into typed C structures and written back with libxml2, and the ProSe profile this toolkit
 * stores as repository data.
 *
 * Parsing is safe for untrusted input: no network access, no DTD, no external entity, no entity
 * expansion; the document size and element depth are bounded; the result is validated against the
 * XSD the toolkit ships (schema/ShData.xsd, schema/ProSeProfile.xsd, found in the folder given to
 * shdata_init). Every element the toolkit reads or writes is in those schemas.
 *
 * Functions return 0 or an error code: SHDATA_EINVALID (not well formed, refused construct, or
 * not valid against the schema; err says where and why), SHDATA_ETOOBIG (over the size or depth
 * bound), ENOMEM, EINVAL (bad arguments). Nothing here prints. */
#ifndef SHDATA_H
#define SHDATA_H

#include <stddef.h>
#include <stdint.h>

#define SHDATA_EINVALID 1001
#define SHDATA_ETOOBIG 1002

#define SHDATA_MAX_SIZE (1024 * 1024) /* bytes of one document */
#define SHDATA_MAX_DEPTH 32           /* element nesting */
#define SHDATA_ERR_LEN 256

/* The Service-Indication under which the ProSe profile is stored (repository data). */
#define PROSE_SERVICE_INDICATION "urn:x-imstk:prose-profile"
/* The Sh feature list (Supported-Features with Vendor-Id 10415, Feature-List-ID 1; TS 29.329
 * §7.3.1, bit numbers as Wireshark's packet-diameter_3gpp.c decodes them): what an AS and the HSS
 * offer each other beside the base Sh. */
#define SH_FEATURE_LIST_ID 1
#define SH_FEATURE_NOTIF_EFF 0x1u          /* UDR/SNR of several items, unavailable data shown empty */
#define SH_FEATURE_UPDATE_EFF 0x2u         /* PUR of several RepositoryData, all or none */
#define SH_FEATURE_UPDATE_EFF_ENHANCE 0x4u /* PUR of several Data-References */
#define SH_FEATURE_ADDITIONAL_MSISDN 0x8u
/* Namespace of the ProSeProfile element inside ServiceData. */
#define PROSE_NAMESPACE "urn:x-imstk:prose-profile:1"

#define SHDATA_ABSENT -1 /* for the int members below */

/* Load the schemas from schema_dir (NULL: the folder built in at compile time). Once, before
 * parsing or writing (writing checks its output against them); thread-safe afterwards. Calls are
 * counted: each shdata_init() that returned 0 takes one shdata_cleanup(), and only the first one
 * loads (a later schema_dir is not looked at). ENOENT when a schema file is missing. */
int shdata_init(const char *schema_dir);
void shdata_cleanup(void);

/* ---- Sh-Data ------------------------------------------------------------------------------- */

struct sh_repository_data {
	char *service_indication;
	int sequence_number; /* 0..65535 */
	char *service_data;  /* serialized content of ServiceData (one element, XML text); NULL: absent */
};

struct sh_ifc {
	int priority;
	char *server_name;            /* ApplicationServer/ServerName */
	int default_handling;         /* 0 SESSION_CONTINUED, 1 SESSION_TERMINATED, or ABSENT */
	char *service_info;           /* NULL: absent */
	char *trigger_point;          /* serialized TriggerPoint element (XML text); NULL: absent */
	int profile_part_indicator;   /* 0 REGISTERED, 1 UNREGISTERED, or ABSENT */
};

struct sh_charging_information {
	char *primary_event_charging_function;       /* each NULL when absent */
	char *secondary_event_charging_function;
	char *primary_charging_collection_function;
	char *secondary_charging_collection_function;
};

struct sh_dsai {
	char *tag;
	int value; /* 0 ACTIVE, 1 INACTIVE */
};

struct sh_eps_location {
	char *e_utran_cell_global_id; /* hex text as in the XSD; each NULL when absent */
	char *tracking_area_id;
	char *geographical_information;
	char *geodetic_information;
	char *mme_name;
	char *visited_plmn_id;
	int current_location_retrieved; /* 0 or ABSENT */
	int age_of_location_information; /* minutes, or ABSENT */
};
/* current_location_retrieved: 0 is the XML value "true" (location retrieved by paging just now; the
 * Diameter Current-Location-Retrieved value 0, ACTIVE_LOCATION_RETRIEVAL); "false" reads as ABSENT. */

struct sh_cs_ps_location {
	char *cell_global_id;          /* each NULL when absent */
	char *service_area_id;
	char *location_area_id;
	char *routing_area_id;         /* PS only */
	char *geographical_information;
	char *geodetic_information;
	char *vlr_or_sgsn_number;      /* VLRNumber (CS) or SGSNNumber (PS) */
	char *msc_number;              /* CS only */
	int current_location_retrieved; /* as in sh_eps_location */
	int age_of_location_information;
};

struct sh_data {
	/* PublicIdentifiers (Data-Reference 10, 17) */
	char **public_identities; /* IMSPublicIdentity */
	size_t n_public_identities;
	char **msisdns;
	size_t n_msisdns;
	int has_public_identifiers; /* the element is there, even empty */
	/* RepositoryData (0) */
	struct sh_repository_data *repository_data;
	size_t n_repository_data;
	/* Sh-IMS-Data (11, 12, 13, 16, 18, 19) */
	int ims_user_state;         /* 0..3 (IMSUserState), or ABSENT */
	char *scscf_name;           /* NULL: absent; "" when the element is empty */
	int has_scscf_name;         /* present, possibly empty (Notif-Eff: data unavailable) */
	struct sh_ifc *ifcs;
	size_t n_ifcs;
	int has_ifcs;
	struct sh_charging_information *charging_information; /* NULL: absent */
	int psi_activation;         /* 0 INACTIVE, 1 ACTIVE, or ABSENT */
	struct sh_dsai *dsai;
	size_t n_dsai;
	/* Location and user state (14, 15) */
	struct sh_cs_ps_location *cs_location; /* NULL: absent */
	struct sh_cs_ps_location *ps_location;
	struct sh_eps_location *eps_location;
	int cs_user_state;          /* 0..3, or ABSENT */
	int ps_user_state;          /* 0..6, or ABSENT */
	int eps_user_state;         /* 0..6 (same values as PS), or ABSENT */
	/* IMSI (32) */
	char *imsi;                 /* NULL: absent */
	/* DeletedIdentities (in a PNR: public identities the HSS no longer has) */
	char **deleted_identities;  /* IMSPublicIdentity */
	size_t n_deleted_identities;
};

/* A zeroed structure with every int member ABSENT. */
struct sh_data *shdata_new(void);
void shdata_free(struct sh_data *data);

/* Parse and validate a Sh-Data document. */
int shdata_parse(const char *xml, size_t len, struct sh_data **out, char *err, size_t errlen);
/* Write a Sh-Data document (UTF-8, with XML declaration); *xml is malloc'ed, len may be NULL. The
 * output is valid against the schema: it is read back as shdata_parse() would, and a structure that
 * cannot make a valid document (a value out of range, a service_data or trigger_point that is not
 * one well-formed element) gives SHDATA_EINVALID, a too large or too deep one SHDATA_ETOOBIG. */
int shdata_write(const struct sh_data *data, char **xml, size_t *len);

/* The Sh-Data of repository data alone, written without libxml2, for a server's hot path (UDA and
 * PNR of repository data): n instances of Service-Indication, Sequence-Number and ServiceData
 * (NULL: none). Each service_data must be one XML element that was already checked (it is copied
 * as it is); the Service-Indications are escaped. The output equals what shdata_write gives for
 * the same data, read back. *xml is malloc'ed. */
int shdata_write_repository_data(const char *const *service_indications, const int *sequence_numbers,
				 const char *const *service_data, size_t n, char **xml, size_t *len);

/* ---- ProSe profile (the ServiceData of PROSE_SERVICE_INDICATION) -------------------------- */

/* ProSe-Permission bits (TS 29.344) */
#define PROSE_PERM_DIRECT_DISCOVERY (1u << 0)
#define PROSE_PERM_EPC_DISCOVERY (1u << 1)
#define PROSE_PERM_WLAN_DIRECT (1u << 2)
#define PROSE_PERM_ONE_TO_MANY (1u << 3)
#define PROSE_PERM_ONE_TO_ONE (1u << 4)
#define PROSE_PERM_UE_TO_NETWORK_RELAY (1u << 5)
#define PROSE_PERM_REMOTE_UE_ACCESS (1u << 6)
#define PROSE_PERM_RESTRICTED_DISCOVERY (1u << 7)

/* ProSe-Direct-Allowed bits (TS 29.344) */
#define PROSE_DIRECT_ANNOUNCE (1u << 0)
#define PROSE_DIRECT_MONITOR (1u << 1)
#define PROSE_DIRECT_COMMUNICATION (1u << 2)

struct prose_plmn {
	char plmn_id[8];             /* MCC+MNC digits, 5 or 6 */
	uint32_t direct_allowed;     /* PROSE_DIRECT_* bits */
	int authorized_discovery_range; /* 1 short, 2 medium, 3 long (HPLMN only), or ABSENT */
};

struct prose_profile {
	uint32_t permission;         /* PROSE_PERM_* bits */
	struct prose_plmn *plmns;
	size_t n_plmns;
	char **application_ids;      /* ProSe Application IDs the UE may use */
	size_t n_application_ids;
	uint32_t validity_announce;  /* seconds; 0 when not set */
	uint32_t validity_monitor;
	uint32_t validity_communication;
	int range_class;             /* 1..5 = 50/100/200/500/1000 m (TS 32.299), or ABSENT */
	/* Wi-Fi Direct (WLAN direct discovery and communication) */
	char *wifi_ssid;             /* each NULL when absent */
	char *wifi_passphrase;
	char *wlan_link_layer_id;    /* MAC address, "aa:bb:cc:dd:ee:ff" */
	/* LTE D2D (PC5) */
	uint32_t d2d_layer2_group_id; /* 0 when not set */
	int d2d_frequency;            /* EARFCN, or ABSENT */
	/* Who may discover this UE: public identities or application-level user IDs */
	char **discoverable_by;
	size_t n_discoverable_by;
};

struct prose_profile *prose_profile_new(void);
void prose_profile_free(struct prose_profile *profile);

/* Parse and validate a ProSeProfile element (the content of ServiceData). */
int prose_profile_parse(const char *xml, size_t len, struct prose_profile **out, char *err, size_t errlen);
/* Write it as one ProSeProfile element (no XML declaration: it goes inside ServiceData), checked
 * as shdata_write() checks its output. */
int prose_profile_write(const struct prose_profile *profile, char **xml, size_t *len);

#endif
