#include "RoomTableModel.h"

#include "Logging.h"

#include <QHash>
#include <QJsonDocument>

namespace confero {

using namespace Qt::StringLiterals;

RoomTableModel::RoomTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RoomTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rooms.size());
}

int RoomTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoomTableModel::displayData(const Room &room, int column) const
{
    const RoomSettings &s = room.settings;
    switch (column) {
    case Name:
        return room.name;
    case Kind:
        return roomKindName(s.kind);
    case Mode:
        return roomModeName(s.mode);
    case Moderators:
        return s.moderators;
    case Participants:
        return s.participants == 0 ? tr("No limit") : QString::number(s.participants);
    case Quality:
        return s.quality.isEmpty() ? tr("Default") : s.quality;
    case AutoRecording:
        return s.autoRecording ? tr("Yes") : tr("No");
    case Created:
        return room.created.isValid() ? room.created.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
    case RoomId:
        return room.id;
    default:
        return {};
    }
}

QVariant RoomTableModel::sortData(const Room &room, int column) const
{
    const RoomSettings &s = room.settings;
    switch (column) {
    case Name:
        return room.name.toCaseFolded();
    case Kind:
        return static_cast<int>(s.kind);
    case Mode:
        return static_cast<int>(s.mode);
    case Moderators:
        return s.moderators;
    // "No limit" sorts after every limit.
    case Participants:
        return s.participants == 0 ? std::numeric_limits<int>::max() : s.participants;
    case Quality:
        return s.quality;
    case AutoRecording:
        return s.autoRecording;
    case Created:
        return room.created.toMSecsSinceEpoch();
    case RoomId:
        return room.id;
    default:
        return {};
    }
}

QVariant RoomTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Room &room = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Name && m_pendingDeletion.contains(room.id))
            return tr("%1 (deleting…)").arg(room.name);
        return displayData(room, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Name && !room.settings.description.isEmpty())
            return room.settings.description;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Moderators || index.column() == Participants)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(room, index.column());
    case RoomRole:
        return QVariant::fromValue(room);
    case RoomIdRole:
        return room.id;
    case PendingDeletionRole:
        return m_pendingDeletion.contains(room.id);
    case SearchTextRole:
        return QStringList{room.name, room.id, room.ownerRef, room.settings.description}.join(u'\n');
    default:
        return {};
    }
}

QVariant RoomTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Mode:
        return tr("Mode");
    case Moderators:
        return tr("Moderators");
    case Participants:
        return tr("Participants");
    case Quality:
        return tr("Quality");
    case AutoRecording:
        return tr("Auto recording");
    case Created:
        return tr("Created (UTC)");
    case RoomId:
        return tr("Room ID");
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortKey");
    names.insert(RoomRole, "room");
    names.insert(RoomIdRole, "roomId");
    names.insert(PendingDeletionRole, "pendingDeletion");
    names.insert(SearchTextRole, "searchText");
    return names;
}

const QList<Room> &RoomTableModel::rooms() const
{
    return m_rooms;
}

int RoomTableModel::rowOf(const QString &roomId) const
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms.at(row).id == roomId)
            return row;
    }
    return -1;
}

std::optional<Room> RoomTableModel::room(const QString &roomId) const
{
    const int row = rowOf(roomId);
    if (row < 0)
        return std::nullopt;
    return m_rooms.at(row);
}

void RoomTableModel::setRooms(const QList<Room> &rooms)
{
    QHash<QString, qsizetype> incoming;
    for (qsizetype i = 0; i < rooms.size(); ++i)
        incoming.insert(rooms.at(i).id, i);

    // 1. Rows whose room is gone, removed as contiguous runs from the bottom up.
    for (int row = static_cast<int>(m_rooms.size()) - 1; row >= 0;) {
        if (incoming.contains(m_rooms.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_rooms.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        for (int r = row; r >= first; --r)
            m_pendingDeletion.remove(m_rooms.at(r).id);
        m_rooms.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // 2. Rooms still here: replace the value, signal only rows whose JSON changed.
    QSet<QString> present;
    for (int row = 0; row < m_rooms.size(); ++row) {
        Room &current = m_rooms[row];
        present.insert(current.id);
        const Room &fresh = rooms.at(incoming.value(current.id));
        if (fresh.raw != current.raw || fresh.name != current.name) {
            current = fresh;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }

    // 3. New rooms appended in the order of the listing; a view sorts through its proxy.
    QList<Room> added;
    for (const Room &room : rooms) {
        if (!present.contains(room.id)) {
            added.append(room);
            present.insert(room.id);
        }
    }
    if (!added.isEmpty()) {
        const int first = static_cast<int>(m_rooms.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_rooms.append(added);
        endInsertRows();
    }
    qCDebug(lcModels) << "rooms:" << m_rooms.size() << "rows," << added.size() << "new";
}

void RoomTableModel::upsertRoom(const Room &room)
{
    const int row = rowOf(room.id);
    if (row >= 0) {
        m_rooms[row] = room;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int first = static_cast<int>(m_rooms.size());
    beginInsertRows({}, first, first);
    m_rooms.append(room);
    endInsertRows();
}

void RoomTableModel::removeRoom(const QString &roomId)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rooms.removeAt(row);
    m_pendingDeletion.remove(roomId);
    endRemoveRows();
}

void RoomTableModel::setPendingDeletion(const QString &roomId, bool pending)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    const bool changed = pending ? !m_pendingDeletion.contains(roomId) : m_pendingDeletion.contains(roomId);
    if (!changed)
        return;
    if (pending)
        m_pendingDeletion.insert(roomId);
    else
        m_pendingDeletion.remove(roomId);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool RoomTableModel::isPendingDeletion(const QString &roomId) const
{
    return m_pendingDeletion.contains(roomId);
}

} // namespace confero
