#include "UiResources.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void initConferoResources()
{
    Q_INIT_RESOURCE(confero);
}

namespace confero {

void UiResources::ensureLoaded()
{
    static const bool loaded = [] {
        initConferoResources();
        return true;
    }();
    Q_UNUSED(loaded)
}

QIcon UiResources::icon(const QString &name)
{
    ensureLoaded();
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

} // namespace confero
