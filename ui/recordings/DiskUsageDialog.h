#pragma once

#include "recordings/LibraryUsage.h"

#include <QDialog>
#include <QHash>

class QLabel;
class QTreeWidget;

namespace confero {

// What the recordings library holds, by room and, under each, by month of the session: complete
// files, unfinished ones and their size; the total beside the quota and the volume's free space.
// Children: "usageTree" (top level: rooms; children: months), "summaryLabel".
class DiskUsageDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiskUsageDialog)

public:
    enum Column { Name, Files, Partial, Size, ColumnCount };

    DiskUsageDialog(const QString &libraryFolder, QWidget *parent = nullptr);

    // `roomNames`: room id -> name, for the rooms the console knows; `quota` 0: none; `freeBytes` -1:
    // unknown.
    void setUsage(const QList<LibraryUsage::Row> &rows, const QHash<QString, QString> &roomNames, qint64 quota,
                  qint64 freeBytes);

private:
    QString m_library;
    QTreeWidget *m_tree;
    QLabel *m_summary;
};

} // namespace confero
