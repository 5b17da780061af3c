#pragma once

#include <QString>

#include <optional>

namespace confero::test {

// The relay database most relay tests start from, at `path` with its key file beside it: project
// "acme" (webhooks need `basicAuth`, "USER:PASS"; empty: none) and subscriber "laptop" reading it.
// Answers the subscriber's token, or nothing with why in `error`.
std::optional<QString> createRelayTestDatabase(const QString &path, const QString &basicAuth, QString *error);

} // namespace confero::test
