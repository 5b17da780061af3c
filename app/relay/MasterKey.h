#pragma once

#include <QByteArray>
#include <QString>

namespace confero::relay {

// The relay's master key, from which every subscriber's signing key is derived. It lives in a file
// readable by its owner only (0600), not in the database: a copy of the database alone cannot
// forge frames.
class MasterKey
{
public:
    static constexpr qsizetype Size = 32;

    // Reads the key at `path`, or creates one there (random, 0600) when the file does not exist.
    // Refuses a file of the wrong size or one that others can read, with words.
    static QByteArray loadOrCreate(const QString &path, QString *error);
    // Where the key lives by default: beside the database file; none for a PostgreSQL database,
    // whose relays each need a copy of one key (loadOrCreate then asks for --key-file).
    static QString defaultPath(const QString &databasePath);
};

} // namespace confero::relay
