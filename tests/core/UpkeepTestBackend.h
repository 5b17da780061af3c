#pragma once

#include "store/Store.h"

#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace confero::test {

// Fresh stores for the upkeep tests on both backends: a new SQLite file, or a new schema of the
// PostgreSQL database in CONFERO_TEST_PG_URL (ctest's postgres fixture), dropped by cleanup().
class UpkeepTestBackend
{
public:
    UpkeepTestBackend() = default;
    ~UpkeepTestBackend();
    UpkeepTestBackend(const UpkeepTestBackend &) = delete;
    UpkeepTestBackend &operator=(const UpkeepTestBackend &) = delete;

    // The data column every test uses: "postgres" (bool), rows "sqlite" and "postgres".
    static void addRows();

    // Call from initTestCase(): false with `error` when PostgreSQL is configured but unusable.
    bool init(QString *error);
    bool hasPostgres() const;

    // A new store with one project ("Test"); nullptr with `error` set when it could not be made.
    std::unique_ptr<Store> open(bool postgres, qint64 *projectId, QString *error);
    // A project besides the first.
    static qint64 addProject(Store &store, const QString &name);
    QString dataDir() const;

    // Drops the schemas made since the last call (call from cleanup(), after the stores are closed).
    bool cleanup(QString *error);

private:
    QTemporaryDir m_dir;
    QString m_pgUrl;
    QStringList m_schemas;
};

} // namespace confero::test
