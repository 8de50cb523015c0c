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

/* Ellipsoid arc from a real capture (lcs.md §3.1): 38.39374 N, 27.00858 E, confidence 90%. */
#define TEST_RESPONDER_GAD { 0xa0, 0x36, 0x9a, 0xbc, 0x13, 0x34, 0xc3, 0x00, 0x00, 0x28, 0x57, 0x1f, 0x5a }

#endif
