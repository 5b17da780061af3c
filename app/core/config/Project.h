#pragma once

#include <QString>
#include <QUrl>

namespace confero {

// A project as the console knows it. No secret here: the App Key lives in the keychain under
// SecretStore::appKeyName(id).
struct Project
{
    qint64 id = 0;
    QString name;
    QUrl apiBaseUrl; // e.g. https://api.enablex.io/video/v2/  (always ends with '/')
    QString appId;
    bool isSandbox = false; // the embedded sandbox project
};

} // namespace confero
