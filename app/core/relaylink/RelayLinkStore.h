#pragma once

#include "store/StoreError.h"

#include <QUrl>

#include <optional>

namespace confero {

class Store;

// Which relay a project streams from (table relay_links). The token that goes with it is a secret:
// SecretStore under tokenKeyName(project id).
class RelayLinkStore
{
public:
    explicit RelayLinkStore(Store *store);

    static QString tokenKeyName(qint64 projectId);
    // An http(s) URL with a host and nothing after the path; nullopt with `error` otherwise.
    static std::optional<QUrl> parseUrl(const QString &text, QString *error);

    StoreResult<bool> set(qint64 projectId, const QUrl &url);
    StoreResult<std::optional<QUrl>> find(qint64 projectId) const;
    StoreResult<bool> remove(qint64 projectId);

private:
    Store *m_store;
};

} // namespace confero
