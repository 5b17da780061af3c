#pragma once

#include "store/Store.h"

#include <QTemporaryDir>

namespace confero::test {

// A real SQLite store with one project and the call records of tst_cdrreport (March 2025, UTC):
//   session 1, room r1: Alice 1st 10:00-10:30, Bob 1st 10:10-10:40
//   session 2, room r1: Carol 1st 23:50 - 2nd 00:20, Dave 2nd 00:05-00:10
//   session 3, room r2: Eve 3rd 09:00-09:03
//   session 4, room r3: Frank 5th 08:00-10:30
//   session 5, room r2: Gina 5th 09:00-09:20
// plus `extraRows` one-minute rows on the 10th in room r9, to make exports long.
class UiCdrStore
{
public:
    bool open(int extraRows = 0);
    Store *store() { return &m_store; }
    qint64 projectId() const { return m_projectId; }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    Store m_store;
    qint64 m_projectId = 0;
};

} // namespace confero::test
