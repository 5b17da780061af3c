#include "PlayerWindow.h"

#include "PlayerWidget.h"

#include <QBoxLayout>
#include <QFileInfo>

namespace confero {

using namespace Qt::StringLiterals;

PlayerWindow *PlayerWindow::openRecording(const QString &filePath, const ReviewContext &context, QWidget *parent)
{
    auto *window = new PlayerWindow(parent);
    window->open(filePath, context);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

PlayerWindow::PlayerWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_player(new PlayerWidget(this))
{
    setObjectName(u"playerWindow"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_player);
    resize(1000, 600);
}

PlayerWidget *PlayerWindow::player() const
{
    return m_player;
}

void PlayerWindow::open(const QString &filePath, const ReviewContext &context)
{
    const QString name = QFileInfo(filePath).fileName();
    setWindowTitle(context.confNum.isEmpty()
                       ? tr("%1 - Recording").arg(name)
                       : tr("%1 - session %2 in room %3 - Recording").arg(name, context.confNum, context.roomId));
    m_player->open(filePath, context);
}

} // namespace confero
