#pragma once

#include "domain/Room.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

Q_DECLARE_METATYPE(confero::Room)

namespace confero {

// The rooms of a project as a table. setRooms() applies a new listing as row inserts, removals and
// dataChanged keyed by room id, so selection and scroll position survive a refresh.
class RoomTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomTableModel)

public:
    enum Column { Name, Kind, Mode, Moderators, Participants, Quality, AutoRecording, Created, RoomId, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // numbers and times as such, text folded for sorting
        RoomRole, // the whole Room (QVariant<confero::Room>)
        RoomIdRole,
        PendingDeletionRole, // bool: shown as "deleting…" during the undo window
        SearchTextRole, // name, id, owner ref and description, for filtering
    };

    explicit RoomTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRooms(const QList<Room> &rooms);
    const QList<Room> &rooms() const;
    std::optional<Room> room(const QString &roomId) const;
    int rowOf(const QString &roomId) const; // -1 when absent

    // Adds or replaces one room (after create/update) without a new listing.
    void upsertRoom(const Room &room);
    void removeRoom(const QString &roomId);

    void setPendingDeletion(const QString &roomId, bool pending);
    bool isPendingDeletion(const QString &roomId) const;

private:
    QVariant displayData(const Room &room, int column) const;
    QVariant sortData(const Room &room, int column) const;

    QList<Room> m_rooms;
    QSet<QString> m_pendingDeletion;
};

} // namespace confero
