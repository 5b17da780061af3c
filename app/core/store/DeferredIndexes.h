#pragma once

#include "StoreError.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <utility>

namespace confero {

// A table's secondary indexes, taken off for a bulk load and built again after it, by sorting:
// on an empty table a million rows go in several times faster than with every index kept up row
// by row (each row a random leaf in each index). SQLite only, and only inside the load's one
// transaction: DDL is transactional there, so other connections see the table with all its
// indexes until the commit, and a rollback or a killed process puts them back as they were.
class DeferredIndexes
{
public:
    // Drops the indexes of `table` whose names are not in `kept` (the load's own lookups need
    // those), remembering each one's definition. Call inside an open transaction on `db`.
    static StoreResult<DeferredIndexes> take(const QSqlDatabase &db, const QString &table, const QStringList &kept);

    // Creates every index taken, from its definition, in the same transaction.
    StoreResult<bool> rebuild(const QSqlDatabase &db) const;

    qsizetype count() const { return m_definitions.size(); }

private:
    QList<std::pair<QString, QString>> m_definitions; // name, CREATE INDEX statement
};

} // namespace confero
