#include "SyncRecordingVfs.h"

#include <sqlite3.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace confero::test {

namespace {

constexpr const char *kVfsName = "confero-sync-recorder";

// The file handle SQLite allocates for us (szOsFile): ours first, the real VFS's right after it.
struct ShimFile
{
    sqlite3_file base;
    sqlite3_file *real;
    bool isWal;
};

struct Recorder
{
    std::mutex mutex;
    std::condition_variable released;
    QList<SyncRecordingVfs::Operation> operations;
    std::chrono::milliseconds syncDelay{0};
    bool holding = false;
    int waiting = 0;
    int syncs = 0;
};

Recorder &recorder()
{
    static Recorder instance;
    return instance;
}

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

sqlite3_file *real(sqlite3_file *file)
{
    return reinterpret_cast<ShimFile *>(file)->real;
}

QList<int> probesIn(const void *data, int size)
{
    QList<int> probes;
    const QByteArrayView bytes(static_cast<const char *>(data), size);
    const QByteArray prefix = SyncRecordingVfs::markerPrefix();
    constexpr int digits = 6;
    for (qsizetype at = bytes.indexOf(prefix); at >= 0; at = bytes.indexOf(prefix, at + 1)) {
        const qsizetype from = at + prefix.size();
        if (from + digits > bytes.size())
            break;
        bool ok = false;
        const int probe = bytes.sliced(from, digits).toInt(&ok);
        if (ok && !probes.contains(probe))
            probes.append(probe);
    }
    return probes;
}

int shimClose(sqlite3_file *file)
{
    sqlite3_file *r = real(file);
    const int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
    file->pMethods = nullptr;
    return rc;
}

int shimRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    return real(file)->pMethods->xRead(real(file), data, amount, offset);
}

int shimWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    const int rc = real(file)->pMethods->xWrite(real(file), data, amount, offset);
    if (rc == SQLITE_OK && reinterpret_cast<ShimFile *>(file)->isWal) {
        SyncRecordingVfs::Operation operation;
        operation.kind = SyncRecordingVfs::Operation::Kind::Write;
        operation.probes = probesIn(data, amount);
        operation.at = SyncRecordingVfs::Clock::now();
        const std::lock_guard lock(recorder().mutex);
        recorder().operations.append(std::move(operation));
    }
    return rc;
}

int shimTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    return real(file)->pMethods->xTruncate(real(file), size);
}

int shimSync(sqlite3_file *file, int flags)
{
    const bool isWal = reinterpret_cast<ShimFile *>(file)->isWal;
    if (isWal) {
        Recorder &r = recorder();
        std::unique_lock lock(r.mutex);
        const std::chrono::milliseconds delay = r.syncDelay;
        ++r.waiting;
        r.released.wait(lock, [&r] { return !r.holding; });
        --r.waiting;
        lock.unlock();
        if (delay.count() > 0)
            std::this_thread::sleep_for(delay);
    }
    const int rc = real(file)->pMethods->xSync(real(file), flags);
    if (isWal && rc == SQLITE_OK) {
        SyncRecordingVfs::Operation operation;
        operation.kind = SyncRecordingVfs::Operation::Kind::Sync;
        operation.at = SyncRecordingVfs::Clock::now();
        const std::lock_guard lock(recorder().mutex);
        recorder().operations.append(std::move(operation));
        ++recorder().syncs;
    }
    return rc;
}

int shimFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    return real(file)->pMethods->xFileSize(real(file), size);
}

int shimLock(sqlite3_file *file, int level)
{
    return real(file)->pMethods->xLock(real(file), level);
}

int shimUnlock(sqlite3_file *file, int level)
{
    return real(file)->pMethods->xUnlock(real(file), level);
}

int shimCheckReservedLock(sqlite3_file *file, int *out)
{
    return real(file)->pMethods->xCheckReservedLock(real(file), out);
}

int shimFileControl(sqlite3_file *file, int op, void *arg)
{
    return real(file)->pMethods->xFileControl(real(file), op, arg);
}

int shimSectorSize(sqlite3_file *file)
{
    return real(file)->pMethods->xSectorSize(real(file));
}

int shimDeviceCharacteristics(sqlite3_file *file)
{
    return real(file)->pMethods->xDeviceCharacteristics(real(file));
}

int shimShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
    return real(file)->pMethods->xShmMap(real(file), region, size, extend, out);
}

int shimShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    return real(file)->pMethods->xShmLock(real(file), offset, n, flags);
}

void shimShmBarrier(sqlite3_file *file)
{
    real(file)->pMethods->xShmBarrier(real(file));
}

int shimShmUnmap(sqlite3_file *file, int deleteFlag)
{
    return real(file)->pMethods->xShmUnmap(real(file), deleteFlag);
}

int shimFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    return real(file)->pMethods->xFetch(real(file), offset, amount, out);
}

int shimUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    return real(file)->pMethods->xUnfetch(real(file), offset, page);
}

int shimOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *shim = reinterpret_cast<ShimFile *>(file);
    shim->real = reinterpret_cast<sqlite3_file *>(shim + 1);
    shim->isWal = (flags & SQLITE_OPEN_WAL) != 0;
    std::memset(shim->real, 0, size_t(g_real->szOsFile));
    const int rc = g_real->xOpen(g_real, name, shim->real, flags, outFlags);
    // SQLite calls xClose only when pMethods is set; a failed open must leave it null.
    file->pMethods = shim->real->pMethods ? &g_methods : nullptr;
    return rc;
}

} // namespace

bool SyncRecordingVfs::install()
{
    if (sqlite3_vfs_find(kVfsName))
        return sqlite3_vfs_register(sqlite3_vfs_find(kVfsName), 1) == SQLITE_OK;
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real || g_real->iVersion < 1)
        return false;
    // The real VFS's other entry points read only pAppData from the VFS they are given, which the
    // copy keeps, so they are used as they are.
    g_vfs = *g_real;
    g_vfs.zName = kVfsName;
    g_vfs.szOsFile = int(sizeof(ShimFile)) + g_real->szOsFile;
    g_vfs.pNext = nullptr;
    g_vfs.xOpen = shimOpen;

    g_methods = {};
    g_methods.iVersion = 3; // WAL needs the shared-memory methods (version 2) and mmap (3)
    g_methods.xClose = shimClose;
    g_methods.xRead = shimRead;
    g_methods.xWrite = shimWrite;
    g_methods.xTruncate = shimTruncate;
    g_methods.xSync = shimSync;
    g_methods.xFileSize = shimFileSize;
    g_methods.xLock = shimLock;
    g_methods.xUnlock = shimUnlock;
    g_methods.xCheckReservedLock = shimCheckReservedLock;
    g_methods.xFileControl = shimFileControl;
    g_methods.xSectorSize = shimSectorSize;
    g_methods.xDeviceCharacteristics = shimDeviceCharacteristics;
    g_methods.xShmMap = shimShmMap;
    g_methods.xShmLock = shimShmLock;
    g_methods.xShmBarrier = shimShmBarrier;
    g_methods.xShmUnmap = shimShmUnmap;
    g_methods.xFetch = shimFetch;
    g_methods.xUnfetch = shimUnfetch;
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
}

QByteArray SyncRecordingVfs::marker(int probe)
{
    return markerPrefix() + QByteArray::number(probe).rightJustified(6, '0');
}

void SyncRecordingVfs::clear()
{
    const std::lock_guard lock(recorder().mutex);
    recorder().operations.clear();
    recorder().syncs = 0;
}

QList<SyncRecordingVfs::Operation> SyncRecordingVfs::operations()
{
    const std::lock_guard lock(recorder().mutex);
    return recorder().operations;
}

int SyncRecordingVfs::syncCount()
{
    const std::lock_guard lock(recorder().mutex);
    return recorder().syncs;
}

void SyncRecordingVfs::setSyncDelay(std::chrono::milliseconds delay)
{
    const std::lock_guard lock(recorder().mutex);
    recorder().syncDelay = delay;
}

void SyncRecordingVfs::holdSyncs()
{
    const std::lock_guard lock(recorder().mutex);
    recorder().holding = true;
}

void SyncRecordingVfs::releaseSyncs()
{
    {
        const std::lock_guard lock(recorder().mutex);
        recorder().holding = false;
    }
    recorder().released.notify_all();
}

int SyncRecordingVfs::syncsWaiting()
{
    const std::lock_guard lock(recorder().mutex);
    return recorder().waiting;
}

} // namespace confero::test
