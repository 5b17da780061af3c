#pragma once

#include "IncomingEvent.h"

#include <QList>
#include <QString>

namespace confero::relay {

// Where a webhook goes when the database cannot take it: an append-only file, synced before the
// webhook is answered, replayed into the database (ids unique, so a replay twice is harmless) as
// soon as a commit succeeds again. One line per event: base64 of a small JSON object; a line torn by
// a crash mid-write is not valid base64 JSON and is skipped (its webhook was never answered).
class EventSpool
{
public:
    struct Record
    {
        QString id;
        IncomingEvent event;
    };

    explicit EventSpool(QString path);

    const QString &path() const { return m_path; }
    // Appends and syncs; false (with `error`) when the file cannot be written or synced.
    bool append(const QList<Record> &records, QString *error);
    QList<Record> readAll() const;
    bool isEmpty() const;
    // Empties the file (after its records are committed) and syncs that.
    bool clear(QString *error);

private:
    QString m_path;
};

} // namespace confero::relay
