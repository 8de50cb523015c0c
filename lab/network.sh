# The lab's networks, shared by lab/run and lab/bench-location. Expects lib.sh sourced, and ROOT,
# WORK, REALM and HSS set.
VISITED=visited.test.localdomain

# start_hss: the HSS (hss_stub.fdx over the store in $WORK/store) on HSS_PORT (pid HSS_PID),
# logging connections and errors only.
start_hss() {
	HSS_PORT=$(free_port)
	cat >"$WORK/hss_stub.conf" <<CONF
store = $WORK/store
max_expiry = 3600
CONF
	echo "ALLOW_IPSEC *.$REALM" >"$WORK/acl_wl.conf"
	fd_conf "$WORK/hss.conf" "$HSS" "$REALM" "$HSS_PORT" \
		"LoadExtension = \"$DEBIAN_FDX/acl_wl.fdx\" : \"$WORK/acl_wl.conf\";" \
		"LoadExtension = \"$FDX/dbg_peerstate.fdx\" : \"$WORK/hss.peers\";" \
		"LoadExtension = \"$DEBIAN_FDX/dbg_msg_dumps.fdx\" : \"0x2112\";" \
		"LoadExtension = \"$FDX/hss_stub.fdx\" : \"$WORK/hss_stub.conf\";"
	start_daemon hss "$WORK/hss.conf"
	HSS_PID=${LAB_PIDS[-1]}
}

# start_location_network: the home MME, the edge agent, the visited MME, and the GMLC (MLP on
# MLP_PORT, client prose-as / lab-secret) connected to the HSS, the home MME and the edge agent
# (pids MME_PID, DEA_PID, VMME_PID, GMLC_PID).
# The daemons log connections and errors only (dbg_msg_dumps 0x2112: freeDiameter's default is a
# dump of every message, which costs more than the exchange); EDGE_DUMPS=0x2222: the edge agent
# logs every message it relays, in the compact form.
start_location_network() {
	MME_PORT=$(free_port) DEA_PORT=$(free_port) VMME_PORT=$(free_port) GMLC_PORT=$(free_port) MLP_PORT=$(free_port)
	echo "ALLOW_IPSEC *.$REALM" >"$WORK/acl_home.conf"
	printf 'ALLOW_IPSEC *.%s\nALLOW_IPSEC *.%s\n' "$REALM" "$VISITED" >"$WORK/acl_edge.conf"
	echo "scenario = $ROOT/lab/data/home-mme.json" >"$WORK/home-mme.conf"
	# a copy the lab may edit and reload (SIGUSR1)
	cp "$ROOT/lab/data/visited-mme.json" "$WORK/visited-mme.json"
	echo "scenario = $WORK/visited-mme.json" >"$WORK/visited-mme.conf"
	fd_conf "$WORK/mme.conf" "mme.$REALM" "$REALM" "$MME_PORT" \
		"LoadExtension = \"$DEBIAN_FDX/acl_wl.fdx\" : \"$WORK/acl_home.conf\";" \
		"LoadExtension = \"$FDX/dbg_peerstate.fdx\" : \"$WORK/mme.peers\";" \
		"LoadExtension = \"$DEBIAN_FDX/dbg_msg_dumps.fdx\" : \"0x2112\";" \
		"LoadExtension = \"$FDX/mme_stub.fdx\" : \"$WORK/home-mme.conf\";"
	fd_conf "$WORK/vmme.conf" "mme.$VISITED" "$VISITED" "$VMME_PORT" \
		"LoadExtension = \"$DEBIAN_FDX/dbg_msg_dumps.fdx\" : \"0x2112\";" \
		"LoadExtension = \"$FDX/mme_stub.fdx\" : \"$WORK/visited-mme.conf\";" \
		"ConnectPeer = \"dea.$REALM\" { ConnectTo = \"127.0.0.1\"; Port = $DEA_PORT; No_TLS; No_SCTP; };"
	# the edge agent relays between the networks: it supports no application itself
	fd_conf "$WORK/dea.conf" "dea.$REALM" "$REALM" "$DEA_PORT" \
		"LoadExtension = \"$DEBIAN_FDX/acl_wl.fdx\" : \"$WORK/acl_edge.conf\";" \
		"LoadExtension = \"$FDX/dbg_peerstate.fdx\" : \"$WORK/dea.peers\";" \
		"LoadExtension = \"$DEBIAN_FDX/dbg_msg_dumps.fdx\" : \"${EDGE_DUMPS:-0x2112}\";"
	fd_conf "$WORK/gmlc-node.conf" "gmlc.$REALM" "$REALM" "$GMLC_PORT" \
		"ConnectPeer = \"$HSS\" { ConnectTo = \"127.0.0.1\"; Port = $HSS_PORT; No_TLS; No_SCTP; };" \
		"ConnectPeer = \"mme.$REALM\" { ConnectTo = \"127.0.0.1\"; Port = $MME_PORT; No_TLS; No_SCTP; };" \
		"ConnectPeer = \"dea.$REALM\" { ConnectTo = \"127.0.0.1\"; Port = $DEA_PORT; No_TLS; No_SCTP; };"
	cat >"$WORK/gmlc.conf" <<CONF
fd_config = $WORK/gmlc-node.conf
listen = 127.0.0.1:$MLP_PORT
hss_realm = $REALM
hss_host = $HSS
client = prose-as lab-secret
route = $VISITED dea.$REALM
CONF
	start_daemon mme "$WORK/mme.conf"
	MME_PID=${LAB_PIDS[-1]}
	start_daemon dea "$WORK/dea.conf"
	DEA_PID=${LAB_PIDS[-1]}
	start_daemon vmme "$WORK/vmme.conf"
	VMME_PID=${LAB_PIDS[-1]}
	wait_open "$WORK/dea.peers" "mme.$VISITED"
	"$BIN/gmlc" -c "$WORK/gmlc.conf" >"$WORK/gmlc.log" 2>&1 &
	LAB_PIDS+=($!)
	GMLC_PID=$!
	wait_open "$WORK/hss.peers" "gmlc.$REALM"
	wait_open "$WORK/mme.peers" "gmlc.$REALM"
	wait_open "$WORK/dea.peers" "gmlc.$REALM"
	for _ in $(seq 100); do grep -q 'serving MLP' "$WORK/gmlc.log" && break; sleep 0.05; done
}

# start_charging_network: the CDF (app_cdf.fdx, Rf) and the OCS (app_ocs.fdx, Ro) of the home
# network, their stores in $WORK/cdr and $WORK/ocs. The OCS rates location requests (service 1:
# 0.25 an event) and proximity alerts (service 2: 1.00).
start_charging_network() {
	CDF_PORT=$(free_port) OCS_PORT=$(free_port)
	echo "ALLOW_IPSEC *.$REALM" >"$WORK/acl_charging.conf"
	echo "store = $WORK/cdr" >"$WORK/app_cdf.conf"
	"$BIN/ocs-ctl" -d "$WORK/ocs" init >/dev/null
	cat >"$WORK/app_ocs.conf" <<CONF
store = $WORK/ocs
rating = si:1 event 25 1 0
rating = si:2 event 100 1 0
CONF
	local acl="LoadExtension = \"$DEBIAN_FDX/acl_wl.fdx\" : \"$WORK/acl_charging.conf\";"
	start_charging_server cdf "cdf.$REALM" "$REALM" "$CDF_PORT" app_cdf.fdx "$WORK/app_cdf.conf" "$acl"
	start_charging_server ocs "ocs.$REALM" "$REALM" "$OCS_PORT" app_ocs.fdx "$WORK/app_ocs.conf" "$acl"
}
