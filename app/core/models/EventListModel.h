#pragma once

#include "store/StoreError.h"

#include <QAbstractTableModel>
#include <QList>

namespace confero {

class Store;

// The newest webhooks a project's relay delivered (table events), newest first, at most Limit of
// them: what the Events page lists. reload() reads them again; rows a reload keeps keep their place
// in the view's selection because only the new ones are inserted at the top.
class EventListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventListModel)

public:
    static constexpr int Limit = 1000;
    enum Column { Received, Type, Seq, Body, ColumnCount };
    Q_ENUM(Column)
    enum Role { BodyRole = Qt::UserRole + 1 }; // the whole body, as the platform sent it

    explicit EventListModel(Store *store, QObject *parent = nullptr);

    // 0: no project (empty).
    void setProject(qint64 projectId);
    StoreResult<bool> reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Event
    {
        qint64 id = 0;
        qint64 seq = 0;
        QString type;
        qint64 receivedAtMs = 0;
        QString body;
    };

    Store *m_store;
    qint64 m_projectId = 0;
    QList<Event> m_events;
};

} // namespace confero
