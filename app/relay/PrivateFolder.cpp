#include "PrivateFolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace confero::relay {

bool ensurePrivateFolderOf(const QString &filePath, QString *error)
{
    const QString folder = QFileInfo(filePath).absolutePath();
    if (QFileInfo(folder).isDir())
        return true;
    if (!QDir().mkpath(folder)
        || !QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        *error = QCoreApplication::translate("confero::relay::PrivateFolder", "Could not make the folder %1 for %2.")
                     .arg(folder, QFileInfo(filePath).fileName());
        return false;
    }
    return true;
}

} // namespace confero::relay
