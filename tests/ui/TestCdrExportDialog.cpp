#include "CdrExportDialog.h"
#include "ErrorBanner.h"
#include "UiCdrStore.h"
#include "export/CdrExportJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// The export dialog over a real SQLite store: exactly the filtered rows, formulas escaped by
// default, rows done of the total, Cancel that leaves no file, errors shown in the dialog.
class TestCdrExportDialog : public QObject
{
    Q_OBJECT

    UiCdrStore m_data;
    static constexpr int kExtraRows = 3000;

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static CdrFilter roomOne()
    {
        CdrFilter filter;
        filter.from = QDate(2025, 3, 1);
        filter.to = QDate(2025, 3, 5);
        filter.roomId = u"r1"_s;
        return filter;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_data.open(kExtraRows)); }

    void exportsExactlyTheFilteredRows()
    {
        CdrExportDialog dialog(m_data.store(), m_data.projectId(), roomOne());
        dialog.show();
        QVERIFY(dialog.findChild<QCheckBox *>(u"escapeFormulasCheck"_s)->isChecked());
        const QString path = m_data.filePath(u"room-one.csv"_s);
        dialog.findChild<QLineEdit *>(u"pathEdit"_s)->setText(path);
        QSignalSpy finished(&dialog, &CdrExportDialog::exportFinished);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QVERIFY(dialog.isExporting());
        QCOMPARE(dialog.findChild<QPushButton *>(u"cancelButton"_s)->text(), u"Cancel"_s);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(dialog.findChild<QLabel *>(u"progressLabel"_s)->text(),
                 u"Exported 4 rows to %1."_s.arg(QDir::toNativeSeparators(path)));
        const QList<QByteArray> lines = read(path).split('\n');
        QCOMPARE(lines.size(), 6); // header, Alice, Bob, Carol, Dave (by join time), nothing after
        QVERIFY(lines.at(1).contains(",Alice,"));
        QVERIFY(lines.at(2).contains(",Bob,"));
        QVERIFY(lines.at(3).contains(",Carol,"));
        QVERIFY(lines.at(4).contains(",Dave,"));
        QVERIFY(dialog.isVisible()); // stays to say what was done
        QCOMPARE(dialog.findChild<QPushButton *>(u"cancelButton"_s)->text(), u"Close"_s);
    }

    void jsonWithProgress()
    {
        CdrFilter filter; // everything: 7 + the extra rows
        CdrExportDialog dialog(m_data.store(), m_data.projectId(), filter);
        dialog.setPageSize(500);
        auto *format = dialog.findChild<QComboBox *>(u"formatCombo"_s);
        format->setCurrentIndex(format->findData(u"json"_s));
        QVERIFY(!dialog.findChild<QCheckBox *>(u"escapeFormulasCheck"_s)->isEnabled());
        auto *pathEdit = dialog.findChild<QLineEdit *>(u"pathEdit"_s);
        QVERIFY(pathEdit->text().endsWith(u".json"_s)); // the suggested name follows the format
        const QString path = m_data.filePath(u"all.json"_s);
        pathEdit->setText(path);
        auto *label = dialog.findChild<QLabel *>(u"progressLabel"_s);
        auto *bar = dialog.findChild<QProgressBar *>(u"progressBar"_s);
        // What the dialog shows after each report of the job (connected after the dialog's own slot).
        struct Seen
        {
            QStringList texts;
            QList<int> values;
        };
        const auto seen = std::make_shared<Seen>();
        auto *job = dialog.findChild<CdrExportJob *>();
        QVERIFY(job);
        connect(job, &CdrExportJob::progressed, this, [seen, label, bar] {
            seen->texts.append(label->text());
            seen->values.append(bar->value());
        });
        QSignalSpy finished(&dialog, &CdrExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(finished.wait(30000));
        const QLocale locale;
        const QString total = locale.toString(kExtraRows + 7);
        QCOMPARE(seen->texts.constFirst(), u"0 of %1 rows"_s.arg(total));
        QVERIFY2(seen->texts.contains(u"%1 of %2 rows"_s.arg(locale.toString(500), total)),
                 qPrintable(seen->texts.join(u'|')));
        QCOMPARE(seen->texts.constLast(), u"%1 of %1 rows"_s.arg(total));
        QVERIFY(std::is_sorted(seen->values.cbegin(), seen->values.cend()));
        QCOMPARE(seen->values.constLast(), kExtraRows + 7); // full: one step a row below a million rows
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(QJsonDocument::fromJson(read(path)).array().size(), kExtraRows + 7);
    }

    // Cancel right after Export: one row a page, so the export cannot be done before the cancel
    // arrives. No file, no part file, and the file that was there is as it was.
    void cancelLeavesNoFile()
    {
        const QString path = m_data.filePath(u"cancelled.csv"_s);
        const QString existing = m_data.filePath(u"existing.csv"_s);
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("kept");
        }
        for (const QString &target : {path, existing}) {
            CdrExportDialog dialog(m_data.store(), m_data.projectId(), CdrFilter{});
            dialog.setPageSize(1);
            dialog.findChild<QLineEdit *>(u"pathEdit"_s)->setText(target);
            QSignalSpy finished(&dialog, &CdrExportDialog::exportFinished);
            QTest::mouseClick(dialog.findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
            QTest::mouseClick(dialog.findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
            QVERIFY(finished.wait(30000));
            QCOMPARE(finished.first().first().toBool(), false);
            QCOMPARE(dialog.findChild<QLabel *>(u"progressLabel"_s)->text(), u"Cancelled: no file was written."_s);
            QVERIFY(!QFile::exists(CdrExportJob::partPath(target)));
        }
        QVERIFY(!QFile::exists(path));
        QCOMPARE(read(existing), QByteArray("kept"));
    }

    void errorShownInTheDialog()
    {
        CdrExportDialog dialog(m_data.store(), m_data.projectId(), roomOne());
        dialog.show();
        dialog.findChild<QLineEdit *>(u"pathEdit"_s)->setText(m_data.filePath(u"missing/folder/x.csv"_s));
        QSignalSpy finished(&dialog, &CdrExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(finished.wait(30000));
        auto *banner = dialog.findChild<ErrorBanner *>(u"errorBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->message().startsWith(u"Could not create "_s), qPrintable(banner->message()));
        QVERIFY(dialog.findChild<QPushButton *>(u"exportButton"_s)->isEnabled()); // can try another file
    }
};

QTEST_MAIN(TestCdrExportDialog)
#include "TestCdrExportDialog.moc"
