#include "DataDir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class DataDirText
{
    Q_DECLARE_TR_FUNCTIONS(confero::DataDir)
};

} // namespace

void DataDir::setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"Confero"_s);
    QCoreApplication::setApplicationName(u"confero"_s);
}

QString DataDir::resolve(const QString &commandLineValue)
{
    const QString fromEnvironment = qEnvironmentVariable("CONFERO_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(fromEnvironment));
    if (!commandLineValue.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(commandLineValue));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool DataDir::ensure(const QString &path, QString *errorMessage)
{
    if (path.isEmpty()) {
        if (errorMessage)
            *errorMessage = DataDirText::tr("No data folder could be determined; set CONFERO_DATA_DIR.");
        return false;
    }
    const bool existed = QDir(path).exists();
    if (!existed && !QDir().mkpath(path)) {
        if (errorMessage)
            *errorMessage = DataDirText::tr("Could not create the data folder %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    // The database names projects and rooms: readable by its owner only.
    if (!existed)
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace confero
