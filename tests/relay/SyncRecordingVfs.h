#pragma once

#include <QByteArray>
#include <QList>

#include <chrono>

namespace confero::test {

// A SQLite VFS over the real one ("unix") that writes and reads through it unchanged and records,
// in order, every write to a WAL file and every sync of one. Installed as the default VFS, it sits
// under every connection of the process, also those Qt's QSQLITE plugin opens (it links the same
// libsqlite3). Each recorded write lists the probe markers (`sync-probe-NNNNNN`) its bytes contain,
// so a test can tell which sync made a given event durable.
//
// A sync can be slowed (the window in which an answer sent before the sync would be seen) or held
// until the test releases it.
class SyncRecordingVfs
{
public:
    using Clock = std::chrono::steady_clock;

    struct Operation
    {
        enum class Kind { Write, Sync };
        Kind kind = Kind::Write;
        Clock::time_point at; // a write: when it returned; a sync: when the real sync returned
        QList<int> probes;    // a write: the markers found in its bytes
    };

    // Registers the VFS as the process's default; false if SQLite refused. Safe to call again.
    static bool install();
    static QByteArray markerPrefix() { return QByteArrayLiteral("sync-probe-"); }
    static QByteArray marker(int probe); // "sync-probe-000042"

    static void clear();
    static QList<Operation> operations();
    static int syncCount();

    // Every WAL sync sleeps this long before the real one (default 0).
    static void setSyncDelay(std::chrono::milliseconds delay);
    // While held, a WAL sync waits (before the real one) until released.
    static void holdSyncs();
    static void releaseSyncs();
    static int syncsWaiting();
};

} // namespace confero::test
