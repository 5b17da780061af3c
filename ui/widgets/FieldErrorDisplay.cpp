#include "FieldErrorDisplay.h"

#include <QLabel>
#include <QStyle>
#include <QWidget>

namespace confero {

void FieldErrorDisplay::add(const QString &field, QWidget *input, QLabel *label)
{
    Q_ASSERT(label);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c0392b; font-size: small;"));
    label->hide();
    m_entries.insert(field, {input, label});
    m_order.append(field);
}

bool FieldErrorDisplay::show(const QString &field, const QString &message)
{
    const auto it = m_entries.constFind(field);
    if (it == m_entries.constEnd())
        return false;
    if (it->label) {
        // Two problems with one field: show both rather than hiding the first.
        const QString current = it->label->isHidden() ? QString() : it->label->text();
        it->label->setText(current.isEmpty() ? message : current + QLatin1Char('\n') + message);
        it->label->show();
    }
    setInvalid(it->input, true);
    return true;
}

void FieldErrorDisplay::clear(const QString &field)
{
    const auto it = m_entries.constFind(field);
    if (it == m_entries.constEnd())
        return;
    if (it->label) {
        it->label->clear();
        it->label->hide();
    }
    setInvalid(it->input, false);
}

void FieldErrorDisplay::clearAll()
{
    for (const QString &field : std::as_const(m_order))
        clear(field);
}

QWidget *FieldErrorDisplay::firstInvalidInput() const
{
    for (const QString &field : m_order) {
        const Entry &entry = m_entries[field];
        if (entry.input && entry.input->property("invalid").toBool())
            return entry.input;
    }
    return nullptr;
}

QString FieldErrorDisplay::styleSheet()
{
    return QStringLiteral(
        "QLineEdit[invalid=\"true\"], QSpinBox[invalid=\"true\"], QComboBox[invalid=\"true\"],"
        " QDateTimeEdit[invalid=\"true\"], QPlainTextEdit[invalid=\"true\"] { border: 1px solid #c0392b; }"
        " QRadioButton[invalid=\"true\"], QCheckBox[invalid=\"true\"], QGroupBox[invalid=\"true\"] { color: #c0392b; "
        "}");
}

void FieldErrorDisplay::setInvalid(QWidget *input, bool invalid)
{
    if (!input || input->property("invalid").toBool() == invalid)
        return;
    input->setProperty("invalid", invalid);
    // Dynamic properties in selectors are read at polish time only.
    input->style()->unpolish(input);
    input->style()->polish(input);
    input->update();
}

} // namespace confero
