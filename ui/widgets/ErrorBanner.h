#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace confero {

// An inline strip above what failed: one sentence for a person and, when the action can be tried
// again, a Retry button. Children: "message" (QLabel), "retryButton", "dismissButton".
class ErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    QString message() const;
    // Shows the banner; `retryable` decides whether the Retry button is offered.
    void showError(const QString &message, bool retryable);
    void clear();

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_message;
    QPushButton *m_retry;
    QPushButton *m_dismiss;
};

} // namespace confero
