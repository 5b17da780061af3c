#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace confero {
class Store;
}

namespace confero::test {

// Fresh stores with one project on SQLite (a file in a temporary folder) or on PostgreSQL (a new
// schema in the server CONFERO_TEST_PG_URL names: ctest's postgres fixture), for tests that run
// every case on both backends.
class StoreBackends
{
public:
    StoreBackends();
    ~StoreBackends();
    StoreBackends(const StoreBackends &) = delete;
    StoreBackends &operator=(const StoreBackends &) = delete;

    // Adds the bool column "postgres" with a row per backend to the current _data() function.
    static void addRows();
    // Connects to PostgreSQL when a URL is given; false with `error` set when that fails.
    bool init(QString *error);
    bool hasPostgres() const;
    // A fresh store with one project (its id in `projectId`); nullptr with `error` set on failure.
    std::unique_ptr<Store> open(bool postgres, qint64 *projectId, QString *error);
    // Drops the PostgreSQL schemas made since the last call (stores must be closed first).
    bool dropSchemas(QString *error);

private:
    QTemporaryDir m_dir;
    QString m_pgUrl;
    QStringList m_schemas;
    int m_opened = 0;
};

} // namespace confero::test
