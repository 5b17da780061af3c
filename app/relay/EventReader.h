#pragma once

#include "StreamEvent.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace confero::relay {

// Reads the event log for subscribers: the events of some projects after a seq, in seq order. It
// reads through its own connection; in WAL mode readers never wait for the writer.
class EventReader
{
public:
    explicit EventReader(const QSqlDatabase &db);

    QList<protocol::StreamEvent> after(qint64 seq, const QStringList &projects, int limit, QString *error) const;
    // The highest seq committed, 0 when the log is empty.
    qint64 head(QString *error = nullptr) const;

private:
    QSqlDatabase m_db;
};

} // namespace confero::relay
