#include "DiskUsageDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// Sizes sort as numbers, not as the text "9.5 MB" > "10 GB".
class UsageItem final : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;

    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (column == DiskUsageDialog::Name)
            return QTreeWidgetItem::operator<(other);
        return data(column, Qt::UserRole).toLongLong() < other.data(column, Qt::UserRole).toLongLong();
    }
};

void setNumber(QTreeWidgetItem *item, int column, qint64 value, const QString &text)
{
    item->setText(column, text);
    item->setData(column, Qt::UserRole, value);
    item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

DiskUsageDialog::DiskUsageDialog(const QString &libraryFolder, QWidget *parent)
    : QDialog(parent)
    , m_library(libraryFolder)
    , m_tree(new QTreeWidget(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(tr("Recordings on disk"));
    m_tree->setObjectName(u"usageTree"_s);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Room / month"), tr("Files"), tr("Unfinished"), tr("Size")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    for (const int column : {int(Files), int(Partial), int(Size)})
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *folder = new QLabel(tr("Library: %1").arg(QDir::toNativeSeparators(libraryFolder)), this);
    folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    folder->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_summary);
    layout->addWidget(folder);
    layout->addWidget(buttons);
    resize(620, 420);
}

void DiskUsageDialog::setUsage(const QList<LibraryUsage::Row> &rows, const QHash<QString, QString> &roomNames,
                               qint64 quota, qint64 freeBytes)
{
    const QLocale locale;
    m_tree->clear();
    QHash<QString, QTreeWidgetItem *> rooms;
    for (const LibraryUsage::Row &row : rows) {
        QTreeWidgetItem *room = rooms.value(row.roomId);
        if (!room) {
            room = new UsageItem(m_tree);
            const QString name = roomNames.value(row.roomId);
            room->setText(Name, name.isEmpty() ? row.roomId : u"%1 (%2)"_s.arg(name, row.roomId));
            room->setToolTip(Name, row.roomId);
            rooms.insert(row.roomId, room);
        }
        auto *month = new UsageItem(room);
        month->setText(Name, row.month.isValid() ? locale.toString(row.month, u"MMMM yyyy"_s) : tr("Date unknown"));
        // The month's first day sorts the months within a room.
        month->setData(Name, Qt::UserRole, row.month.isValid() ? row.month.toJulianDay() : 0);
        setNumber(month, Files, row.files, locale.toString(row.files));
        setNumber(month, Partial, row.partial, row.partial > 0 ? locale.toString(row.partial) : QString());
        setNumber(month, Size, row.bytes, locale.formattedDataSize(row.bytes, 2, QLocale::DataSizeSIFormat));
    }
    for (QTreeWidgetItem *room : std::as_const(rooms)) {
        qint64 files = 0;
        qint64 partial = 0;
        qint64 bytes = 0;
        for (int i = 0; i < room->childCount(); ++i) {
            files += room->child(i)->data(Files, Qt::UserRole).toLongLong();
            partial += room->child(i)->data(Partial, Qt::UserRole).toLongLong();
            bytes += room->child(i)->data(Size, Qt::UserRole).toLongLong();
        }
        setNumber(room, Files, files, locale.toString(files));
        setNumber(room, Partial, partial, partial > 0 ? locale.toString(partial) : QString());
        setNumber(room, Size, bytes, locale.formattedDataSize(bytes, 2, QLocale::DataSizeSIFormat));
    }
    m_tree->sortByColumn(Size, Qt::DescendingOrder);
    m_tree->expandAll();

    const qint64 total = LibraryUsage::totalBytes(rows);
    QString text = rows.isEmpty() ? tr("The library holds no recordings.")
                                  : tr("%1 in %n room(s).", nullptr, int(rooms.size()))
                                        .arg(locale.formattedDataSize(total, 2, QLocale::DataSizeSIFormat));
    if (quota > 0)
        text += u' '
            + tr("Quota: %1 (%2 % used).")
                  .arg(locale.formattedDataSize(quota, 2, QLocale::DataSizeSIFormat))
                  .arg(total * 100 / quota);
    else
        text += u' ' + tr("No quota.");
    if (freeBytes >= 0)
        text +=
            u' ' + tr("Free on its disk: %1.").arg(locale.formattedDataSize(freeBytes, 2, QLocale::DataSizeSIFormat));
    m_summary->setText(text);
}

} // namespace confero
