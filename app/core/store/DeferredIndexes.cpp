#include "DeferredIndexes.h"

#include "Logging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class DeferredText
{
    Q_DECLARE_TR_FUNCTIONS(confero::DeferredIndexes)
};

} // namespace

StoreResult<DeferredIndexes> DeferredIndexes::take(const QSqlDatabase &db, const QString &table,
                                                   const QStringList &kept)
{
    DeferredIndexes taken;
    QSqlQuery query(db);
    // Indexes SQLite makes for a UNIQUE or PRIMARY KEY constraint have no statement and stay.
    query.prepare(u"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                  "ORDER BY name"_s);
    query.addBindValue(table);
    if (!query.exec())
        return StoreError{DeferredText::tr("Could not read the store's indexes."), query.lastError().text()};
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (!kept.contains(name))
            taken.m_definitions.append({name, query.value(1).toString()});
    }
    query.finish();
    for (const auto &[name, definition] : std::as_const(taken.m_definitions)) {
        // The names come from sqlite_master; quoted all the same.
        if (!query.exec(u"DROP INDEX \"%1\""_s.arg(QString(name).replace(u'"', u"\"\""_s))))
            return StoreError{DeferredText::tr("Could not prepare the store for a bulk load."),
                              query.lastError().text()};
    }
    qCDebug(lcStore) << "took" << taken.m_definitions.size() << "indexes of" << table << "off for a bulk load";
    return taken;
}

StoreResult<bool> DeferredIndexes::rebuild(const QSqlDatabase &db) const
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query(db);
    for (const auto &[name, definition] : m_definitions) {
        if (!query.exec(definition))
            return StoreError{DeferredText::tr("Could not build the store's index %1 again.").arg(name),
                              query.lastError().text()};
    }
    qCDebug(lcStore) << "built" << m_definitions.size() << "indexes in" << timer.elapsed() << "ms";
    return true;
}

} // namespace confero
