/* storekit: what the toolkit's LMDB stores (the HSS's, the CDF's, the OCS's) share. No
 * freeDiameter here: the stores' command-line tools link it too. */
#ifndef STOREKIT_LMDB_DIR_H
#define STOREKIT_LMDB_DIR_H

#include <lmdb.h>
#include <stddef.h>

/* Open the LMDB environment of a store folder, without thread-local reader slots (MDB_NOTLS:
 * transactions of the store's own threads) and with the reader slots of dead processes freed.
 * create: make the folder when missing, and the environment in it; otherwise the folder must hold
 * a store already (ENOENT), since LMDB would create its files in any folder. max_readers 0: LMDB's
 * default; map_size 0: LMDB's default for a new store, the size it was created with for an
 * existing one. Returns 0 with *env, or an errno or LMDB error code (*env NULL). */
int lmdb_dir_open(const char *dir, int create, unsigned max_dbs, unsigned max_readers, size_t map_size,
		  MDB_env **env);

/* An LMDB result as an errno: MDB_NOTFOUND ENOENT, MDB_KEYEXIST EEXIST, a full map or transaction
 * ENOSPC, no reader slot EAGAIN, a key or value too long EINVAL, a file of another LMDB version
 * or not LMDB ENOTSUP; errno values as they are; any other LMDB error EIO. */
int lmdb_errno(int rc);

/* The same for the result of a write transaction of env, but for a full disk: LMDB reports a
 * write the disk cut short as EIO, which is taken for ENOSPC when the filesystem holding the store
 * has less than LMDB_FULL_DISK_MARGIN bytes left (a CDF must then answer 4002, which the client
 * may retry, rather than a permanent failure). */
#define LMDB_FULL_DISK_MARGIN (1UL << 20)
int lmdb_write_errno(MDB_env *env, int rc);

#endif
