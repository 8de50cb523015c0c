#include "lmdb_dir.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define PATH_LEN 4096

static int has_store(const char *dir)
{
	char data_file[PATH_LEN];

	if (snprintf(data_file, sizeof data_file, "%s/data.mdb", dir) >= (int)sizeof data_file)
		return ENAMETOOLONG;
	return access(data_file, F_OK) == 0 ? 0 : errno;
}

int lmdb_dir_open(const char *dir, int create, unsigned max_dbs, unsigned max_readers, size_t map_size,
		  MDB_env **env)
{
	int rc;

	*env = NULL;
	if (create && mkdir(dir, 0770) != 0 && errno != EEXIST)
		return errno;
	if (!create && (rc = has_store(dir)))
		return rc;
	if ((rc = mdb_env_create(env)))
		return rc;
	rc = mdb_env_set_maxdbs(*env, max_dbs);
	if (rc == 0 && max_readers)
		rc = mdb_env_set_maxreaders(*env, max_readers);
	if (rc == 0 && map_size)
		rc = mdb_env_set_mapsize(*env, map_size);
	if (rc == 0)
		rc = mdb_env_open(*env, dir, MDB_NOTLS, 0660);
	if (rc == 0)
		rc = mdb_reader_check(*env, NULL);
	if (rc) {
		mdb_env_close(*env);
		*env = NULL;
	}
	return rc;
}

int lmdb_errno(int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case MDB_NOTFOUND:
		return ENOENT;
	case MDB_KEYEXIST:
		return EEXIST;
	case MDB_MAP_FULL:
	case MDB_TXN_FULL:
		return ENOSPC;
	case MDB_READERS_FULL:
		return EAGAIN;
	case MDB_BAD_VALSIZE:
		return EINVAL;
	case MDB_VERSION_MISMATCH:
	case MDB_INVALID:
		return ENOTSUP;
	}
	return rc > 0 ? rc : EIO;
}

int lmdb_write_errno(MDB_env *env, int rc)
{
	struct statvfs fs;
	const char *path;
	int err = lmdb_errno(rc);

	if (err != EIO || mdb_env_get_path(env, &path) || statvfs(path, &fs))
		return err;
	return (unsigned long)fs.f_bavail * fs.f_frsize < LMDB_FULL_DISK_MARGIN ? ENOSPC : EIO;
}
