#pragma once

#include <QString>

namespace confero::sandbox {

class SandboxState;

// The --state file: the sandbox's state as one JSON document, replaced atomically (QSaveFile) so a
// crash mid-write leaves the previous version, never half of one.
class StateFile
{
public:
    // A missing file is not an error (first start): returns true and leaves `state` as it is.
    static bool load(const QString &path, SandboxState &state, QString *error);
    static bool save(const QString &path, const SandboxState &state, QString *error);
};

} // namespace confero::sandbox
