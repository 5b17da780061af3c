#include "models/RoomFilterProxyModel.h"
#include "models/RoomTableModel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

Room room(const QString &id, const QString &name, int participants = 0, const QString &owner = u"owner"_s,
          const QString &description = {})
{
    QJsonObject settings{{u"participants"_s, QString::number(participants)}, {u"moderators"_s, 1}};
    if (!description.isEmpty())
        settings.insert(u"description"_s, description);
    return *Room::fromJson(QJsonObject{{u"room_id"_s, id},
                                       {u"name"_s, name},
                                       {u"owner_ref"_s, owner},
                                       {u"settings"_s, settings},
                                       {u"created"_s, u"2025-01-10T09:15:02.117Z"_s}});
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.index(row, 0).data(RoomTableModel::RoomIdRole).toString();
    return list;
}

} // namespace

class TestRoomTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void displayAndRoles()
    {
        RoomTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRooms({room(u"r1"_s, u"Stand-up"_s, 5)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(RoomTableModel::ColumnCount));
        QCOMPARE(model.index(0, RoomTableModel::Name).data().toString(), u"Stand-up"_s);
        QCOMPARE(model.index(0, RoomTableModel::Participants).data().toString(), u"5"_s);
        QCOMPARE(model.index(0, RoomTableModel::Kind).data().toString(), u"Permanent"_s);
        QCOMPARE(model.index(0, RoomTableModel::Created).data().toString(), u"2025-01-10 09:15"_s);
        QCOMPARE(model.index(0, RoomTableModel::RoomId).data().toString(), u"r1"_s);
        const Room fromRole = model.index(0, 3).data(RoomTableModel::RoomRole).value<Room>();
        QCOMPARE(fromRole.id, u"r1"_s);
        QCOMPARE(model.headerData(RoomTableModel::Name, Qt::Horizontal).toString(), u"Name"_s);
    }

    void refreshIsFineGrainedById()
    {
        RoomTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRooms({room(u"a"_s, u"A"_s), room(u"b"_s, u"B"_s), room(u"c"_s, u"C"_s), room(u"d"_s, u"D"_s)});

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // b and c gone, d renamed, a unchanged, e new.
        model.setRooms({room(u"a"_s, u"A"_s), room(u"d"_s, u"D2"_s), room(u"e"_s, u"E"_s)});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1); // one contiguous run
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 1); // only d
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(ids(model), (QStringList{u"a"_s, u"d"_s, u"e"_s}));
        QCOMPARE(model.index(1, RoomTableModel::Name).data().toString(), u"D2"_s);

        // The same listing again changes nothing.
        changed.clear();
        model.setRooms({room(u"a"_s, u"A"_s), room(u"d"_s, u"D2"_s), room(u"e"_s, u"E"_s)});
        QCOMPARE(changed.count(), 0);

        model.setRooms({});
        QCOMPARE(model.rowCount(), 0);
    }

    void upsertAndRemove()
    {
        RoomTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertRoom(room(u"a"_s, u"A"_s));
        model.upsertRoom(room(u"a"_s, u"A again"_s));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.room(u"a"_s)->name, u"A again"_s);
        model.removeRoom(u"a"_s);
        model.removeRoom(u"missing"_s);
        QCOMPARE(model.rowCount(), 0);
    }

    void pendingDeletion()
    {
        RoomTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRooms({room(u"a"_s, u"A"_s), room(u"b"_s, u"B"_s)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPendingDeletion(u"b"_s, true);
        QCOMPARE(changed.count(), 1);
        model.setPendingDeletion(u"b"_s, true); // no change, no signal
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.index(1, 0).data(RoomTableModel::PendingDeletionRole).toBool());
        QVERIFY(model.index(1, 0).data().toString().contains(u"deleting"_s));

        RoomFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setHidePendingDeletion(true);
        QCOMPARE(ids(proxy), QStringList{u"a"_s});
        model.setPendingDeletion(u"b"_s, false); // undo: it comes back
        QCOMPARE(proxy.rowCount(), 2);
    }

    void filterAndSort()
    {
        RoomTableModel model;
        model.setRooms({room(u"id-1"_s, u"Board meeting"_s, 10, u"alice"_s),
                        room(u"id-2"_s, u"daily stand-up"_s, 0, u"bob"_s, u"Team Blue sync"_s),
                        room(u"id-3"_s, u"All hands"_s, 200, u"carol"_s)});
        RoomFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);

        proxy.sort(RoomTableModel::Name);
        QCOMPARE(ids(proxy), (QStringList{u"id-3"_s, u"id-1"_s, u"id-2"_s})); // case-insensitive
        proxy.sort(RoomTableModel::Participants);
        QCOMPARE(ids(proxy), (QStringList{u"id-1"_s, u"id-3"_s, u"id-2"_s})); // 0 = no limit sorts last

        proxy.setFilterText(u"BLUE"_s); // description
        QCOMPARE(ids(proxy), QStringList{u"id-2"_s});
        proxy.setFilterText(u"carol"_s); // owner ref
        QCOMPARE(ids(proxy), QStringList{u"id-3"_s});
        proxy.setFilterText(u"id-1"_s); // room id
        QCOMPARE(ids(proxy), QStringList{u"id-1"_s});
        proxy.setFilterText(u"meeting board"_s); // every word
        QCOMPARE(ids(proxy), QStringList{u"id-1"_s});
        proxy.setFilterText(u"nothing like this"_s);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText({});
        QCOMPARE(proxy.rowCount(), 3);

        // A refresh underneath keeps the proxy consistent.
        model.setRooms({room(u"id-2"_s, u"daily stand-up"_s), room(u"id-4"_s, u"New"_s)});
        QCOMPARE(proxy.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRoomTableModel)
#include "tst_roomtablemodel.moc"
