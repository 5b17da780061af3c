#include "MasterKey.h"

#include "DatabaseLocation.h"
#include "PrivateFolder.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace confero::relay {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::relay::MasterKey", text);
}

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OthersOrGroup =
    QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;

} // namespace

QString MasterKey::defaultPath(const QString &databasePath)
{
    if (DatabaseLocation::isPostgres(databasePath))
        return {};
    return databasePath + QLatin1String(".key");
}

QByteArray MasterKey::loadOrCreate(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        *error = tr("With a PostgreSQL database, give the key file with --key-file: every relay that "
                    "shares the database needs a copy of the same key.");
        return {};
    }
    QFile file(path);
    if (file.exists()) {
        if (file.permissions() & OthersOrGroup) {
            *error = tr("The relay's key file %1 can be read by other users; make it private "
                        "(chmod 600) and rotate every subscriber's token.")
                         .arg(path);
            return {};
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Could not read the relay's key file %1: %2").arg(path, file.errorString());
            return {};
        }
        QByteArray key = file.readAll();
        if (key.size() != Size) {
            *error = tr("The relay's key file %1 is damaged (%2 bytes, not %3).").arg(path).arg(key.size()).arg(Size);
            return {};
        }
        return key;
    }
    if (!ensurePrivateFolderOf(path, error))
        return {};
    QByteArray key(Size, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), Size / 4);
    QSaveFile out(path);
    // Private before a byte is written: QSaveFile writes a temporary file, then renames it.
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(OwnerOnly) || out.write(key) != Size || !out.commit()) {
        *error = tr("Could not create the relay's key file %1: %2").arg(path, out.errorString());
        return {};
    }
    return key;
}

} // namespace confero::relay
