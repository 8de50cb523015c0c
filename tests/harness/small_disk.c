#include "small_disk.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

int small_disk_mount(const char *dir, const char *size)
{
	char options[64];

	snprintf(options, sizeof options, "size=%s", size);
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -1;
	if (mount("tmpfs", dir, "tmpfs", 0, options)) {
		int err = errno;
		fprintf(stderr, "cannot mount a tmpfs on %s (%s): the full-disk tests need root\n", dir, strerror(err));
		errno = err;
		return -1;
	}
	return 0;
}

int small_disk_unmount(const char *dir)
{
	return umount(dir) ? -1 : 0;
}
