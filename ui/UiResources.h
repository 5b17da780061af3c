#pragma once

#include <QIcon>
#include <QString>

namespace confero {

// The icons of resources/confero.qrc. The qrc is compiled into the static confero_ui, whose
// initialiser the linker would drop unless something references it: every widget that uses an icon
// goes through here, so that reference always exists.
class UiResources
{
public:
    static void ensureLoaded();
    // `name` without extension, e.g. "room" -> :/icons/room.svg
    static QIcon icon(const QString &name);
};

} // namespace confero
