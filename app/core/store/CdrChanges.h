#pragma once

#include <QObject>

namespace confero {

// Says when a project's stored call records changed (a sync or a reconciler pass stored new rows,
// retention deleted some), so views reading them reload. One per Store (Store::cdrChanges()),
// living on the thread that made the Store; announce() may be called from any thread, receivers
// hear it on their own.
class CdrChanges final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrChanges)

public:
    explicit CdrChanges(QObject *parent = nullptr);
    ~CdrChanges() override;

    void announce(qint64 projectId);

Q_SIGNALS:
    void changed(qint64 projectId);
};

} // namespace confero
