/* A small filesystem for the tests of a full disk: a tmpfs of a given size. Mounting needs root
 * (as the README's commands do); a test without it says so and skips. */
#ifndef SMALL_DISK_H
#define SMALL_DISK_H

/* Create the folder dir and mount a tmpfs of 'size' bytes ("640k") on it: 0, or -1 with a
 * message on stderr (errno EPERM: not root). */
int small_disk_mount(const char *dir, const char *size);
/* Unmount it: 0 or -1. */
int small_disk_unmount(const char *dir);

#endif
