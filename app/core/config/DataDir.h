#pragma once

#include <QString>

namespace confero {

// The one data folder every Confero program shares: $CONFERO_DATA_DIR, else --data-dir (passed in as
// `commandLineValue`), else QStandardPaths::AppDataLocation for organisation "Confero", application
// "confero". Created on first use with mode 0700.
class DataDir
{
public:
    static void setApplicationIdentity(); // organisation/application names; every main() calls it
    static QString resolve(const QString &commandLineValue = {});
    static bool ensure(const QString &path, QString *errorMessage);
};

} // namespace confero
