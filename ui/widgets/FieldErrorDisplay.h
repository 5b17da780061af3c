#pragma once

#include <QHash>
#include <QPointer>
#include <QString>

class QLabel;
class QWidget;

namespace confero {

// Shows a message under the field it is about: a small red label (named "<field>Error" in the
// forms) and the input marked with the dynamic property invalid=true, which the forms' style sheet
// draws as a red border. Shared by every dialog that takes input.
class FieldErrorDisplay
{
public:
    void add(const QString &field, QWidget *input, QLabel *label);

    // False when `field` is not one this form shows; the caller then shows the message elsewhere.
    bool show(const QString &field, const QString &message);
    void clear(const QString &field);
    void clearAll();
    QWidget *firstInvalidInput() const;

    static QString styleSheet();

private:
    struct Entry
    {
        QPointer<QWidget> input;
        QPointer<QLabel> label;
    };
    static void setInvalid(QWidget *input, bool invalid);

    QHash<QString, Entry> m_entries;
    QStringList m_order;
};

} // namespace confero
