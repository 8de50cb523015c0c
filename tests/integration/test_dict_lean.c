/* test_dict_contents on a node that loads only dict_slh, dict_sh and dict_slg (no Debian
 * dictionary), as the lab's Sh and location nodes do: our dictionaries alone must give the same
 * Sh, SLh and SLg applications, commands, AVPs, values and rules. */
#define OUR_DICTIONARIES_ONLY
#include "test_dict_contents.c"
