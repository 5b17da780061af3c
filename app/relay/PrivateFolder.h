#pragma once

#include <QString>

namespace confero::relay {

// The folder a relay file lives in (its database, key or spool), made on first use and readable by
// the relay's user only: a new server's `--db /var/lib/confero-relay/relay.sqlite` works as given.
// An existing folder is left as it is. False, with a sentence for a person, when it cannot be made.
bool ensurePrivateFolderOf(const QString &filePath, QString *error);

} // namespace confero::relay
