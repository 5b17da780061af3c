#pragma once

#include <QTimer>
#include <QWidget>

namespace confero {

// A small rotating arc that says "waiting for the network". It animates only while running and is
// hidden otherwise, so an idle window costs no timer ticks.
class BusySpinner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusySpinner)

public:
    explicit BusySpinner(QWidget *parent = nullptr);

    bool isRunning() const;
    QSize sizeHint() const override;

public Q_SLOTS:
    void start();
    void stop();
    void setRunning(bool running);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QTimer m_timer;
    int m_angle = 0;
};

} // namespace confero
