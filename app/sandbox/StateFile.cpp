#include "StateFile.h"

#include "SandboxState.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

bool StateFile::load(const QString &path, SandboxState &state, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"the state file %1 is not a JSON object (%2)"_s.arg(path, parseError.errorString());
        return false;
    }
    QString why;
    if (!state.loadJson(document.object(), &why)) {
        *error = u"cannot use the state file %1: %2"_s.arg(path, why);
        return false;
    }
    return true;
}

bool StateFile::save(const QString &path, const SandboxState &state, QString *error)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = u"cannot create the folder %1 for the state file"_s.arg(folder);
        return false;
    }
    QSaveFile file(path);
    // The file holds the token-signing secret: readable by its owner only.
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write the state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(state.toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = u"cannot write the state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace confero::sandbox
