#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;

namespace confero {

class BusySpinner;
class VideoPlatform;

// The status bar's view of API traffic: a spinner and "2 requests in flight" while requests run,
// otherwise the last request's result and time. Children: "activityText" (QLabel).
class ApiActivityIndicator final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiActivityIndicator)

public:
    explicit ApiActivityIndicator(QWidget *parent = nullptr);

    // Follows one platform at a time; switching forgets the old one's requests.
    void setPlatform(VideoPlatform *platform);
    int requestsInFlight() const;
    QString text() const;

private:
    void onRequestStarted(const QString &operation);
    void onRequestFinished(const QString &operation, bool ok, int elapsedMs);
    void refresh();

    QPointer<VideoPlatform> m_platform;
    BusySpinner *m_spinner;
    QLabel *m_text;
    int m_inFlight = 0;
    QString m_last;
};

} // namespace confero
