/* test_dict_contents on a node that loads dict_slh, dict_sh and dict_slg first, then Debian's
 * dictionaries (which meet our definitions already there), then dict_charging: the same
 * applications, commands, AVPs, values and rules as in the usual order. */
#define DEBIAN_AFTER_OURS
#include "test_dict_contents.c"
