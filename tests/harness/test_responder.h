/* What test_responder.fdx puts in its answers (tests/fdx/test_responder.c). */
#ifndef TEST_RESPONDER_H
#define TEST_RESPONDER_H

#define TEST_RESPONDER_SH 16777217
#define TEST_RESPONDER_SLH 16777291
#define TEST_RESPONDER_SLG 16777255

#define TEST_RESPONDER_SH_DATA                                                                     \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData>"                      \
	"<ServiceIndication>test-service</ServiceIndication><SequenceNumber>1</SequenceNumber>"     \
	"</RepositoryData></Sh-Data>"

/* The User-Data of its PNRs: an update of that repository data (with ServiceData; without, a PNR
 * would tell its deletion). */
#define TEST_RESPONDER_PNR_SH_DATA                                                                 \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData>"                      \
	"<ServiceIndication>test-service</ServiceIndication><SequenceNumber>2</SequenceNumber>"     \
	"<ServiceData><P xmlns=\"urn:x-test\">2</P></ServiceData></RepositoryData></Sh-Data>"

/* Sh requests carrying this Service-Indication get no answer at all (timeout tests). */
#define TEST_RESPONDER_SILENT_SI "test-silent"
/* A UDR carrying this Service-Indication gets a UDA with an M-bit AVP that only test_responder's
 * dictionary defines (TEST_RESPONDER_PRIVATE_AVP): the receiving stack cannot parse it and drops
 * the answer (tests of answers lost after reception). */
#define TEST_RESPONDER_BAD_ANSWER_SI "test-bad-answer"
#define TEST_RESPONDER_PRIVATE_AVP 16777214
/* An SNR with Send-Data-Indication USER_DATA_REQUESTED gets TEST_RESPONDER_SH_DATA in its SNA,
 * then a PNR goes to the requester (Destination-Host: the SNR's Origin-Host) with the SNR's
 * User-Identity and TEST_RESPONDER_SH_DATA; the PNA's result is logged as
 * "test_responder: PNA from <host>: Result-Code <code>" (or "Experimental-Result <code>"). */
#define TEST_RESPONDER_PNA_LOG "test_responder: PNA from "
/* A PNR it receives is answered DIAMETER_SUCCESS, or 3002 DIAMETER_UNABLE_TO_DELIVER when its
 * User-Data contains TEST_RESPONDER_UNDELIVERABLE (an AS that cannot take a notification on to
 * where it goes); each is logged "test_responder: PNR answered <code>". */
#define TEST_RESPONDER_UNDELIVERABLE "test-responder-unable-to-deliver"
#define TEST_RESPONDER_PNR_LOG "test_responder: PNR answered "

/* Ellipsoid arc from a real capture (lcs.md §3.1): 38.39374 N, 27.00858 E, confidence 90%. */
#define TEST_RESPONDER_GAD { 0xa0, 0x36, 0x9a, 0xbc, 0x13, 0x34, 0xc3, 0x00, 0x00, 0x28, 0x57, 0x1f, 0x5a }

#endif
