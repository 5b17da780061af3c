#include "BenchReport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

QString formatNumber(double value)
{
    if (value >= 1000)
        return QString::number(value, 'f', 0);
    if (value >= 100)
        return QString::number(value, 'f', 1);
    return QString::number(value, 'f', 2);
}

} // namespace

void BenchReport::add(const BenchFigure &figure)
{
    m_figures.append(figure);
}

void BenchReport::add(const QList<BenchFigure> &figures)
{
    m_figures.append(figures);
}

const QList<BenchFigure> &BenchReport::figures() const
{
    return m_figures;
}

void BenchReport::printTable(QTextStream &out) const
{
    const QStringList headers{u"figure"_s, u"value"_s, u"unit"_s, u"baseline"_s, u"ratio"_s, u"goal"_s};
    QList<QStringList> lines;
    for (const BenchFigure &figure : m_figures) {
        const std::optional<double> ratio = figure.ratio();
        lines.append({figure.name, formatNumber(figure.value), figure.unit,
                      figure.baseline ? formatNumber(*figure.baseline) : u"-"_s,
                      ratio ? QString::number(*ratio, 'f', 2) + u" x"_s : u"-"_s,
                      figure.goal.isEmpty() ? u"-"_s : figure.goal});
    }
    QList<qsizetype> widths;
    for (qsizetype c = 0; c < headers.size(); ++c) {
        qsizetype width = headers.at(c).size();
        for (const QStringList &line : std::as_const(lines))
            width = std::max(width, line.at(c).size());
        widths.append(width);
    }
    auto print = [&](const QStringList &cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            // Names and units left, figures right.
            const bool left = c == 0 || c == 2 || c == 5;
            const QString cell =
                left ? cells.at(c).leftJustified(widths.at(c)) : cells.at(c).rightJustified(widths.at(c));
            text += (c == 0 ? QString() : u"  "_s) + cell;
        }
        out << text.trimmed() << '\n';
    };
    print(headers);
    QStringList rule;
    for (const qsizetype width : std::as_const(widths))
        rule.append(QString(width, u'-'));
    print(rule);
    for (const QStringList &line : std::as_const(lines))
        print(line);
    out.flush();
}

QByteArray BenchReport::toJsonLine(const BenchFigure &figure, bool withGoal)
{
    const std::optional<double> ratio = figure.ratio();
    QJsonObject object{
        {u"name"_s, figure.name},
        {u"value"_s, figure.value},
        {u"unit"_s, figure.unit},
        {u"baseline"_s, figure.baseline ? QJsonValue(*figure.baseline) : QJsonValue()},
        {u"ratio"_s, ratio ? QJsonValue(*ratio) : QJsonValue()},
    };
    if (withGoal)
        object.insert(u"goal"_s, figure.goal);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<BenchFigure> BenchReport::fromJsonLine(const QByteArray &line)
{
    const QJsonDocument document = QJsonDocument::fromJson(line);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (!object.value(u"name").isString() || !object.value(u"value").isDouble())
        return std::nullopt;
    BenchFigure figure;
    figure.name = object.value(u"name").toString();
    figure.value = object.value(u"value").toDouble();
    figure.unit = object.value(u"unit").toString();
    if (object.value(u"baseline").isDouble())
        figure.baseline = object.value(u"baseline").toDouble();
    figure.goal = object.value(u"goal").toString();
    return figure;
}

void BenchReport::printJson(QTextStream &out) const
{
    for (const BenchFigure &figure : m_figures)
        out << toJsonLine(figure) << '\n';
    out.flush();
}

} // namespace confero::bench
