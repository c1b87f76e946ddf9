#include "authoring/sqleditor.h"

#include "authoring/editorkeys.h"
#include "authoring/sqllexer.h"

#include <QColor>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QSet>
#include <QToolTip>

namespace strata::gui {

namespace {

constexpr int kSectionMarker = 1; // background of "-- +upgrade" / "-- +downgrade" lines
constexpr int kWarningMarker = 2; // margin symbols; a higher number is drawn on top
constexpr int kErrorMarker = 3;
constexpr int kSymbolMargin = 1;
constexpr int kFoldMargin = 2;

const QColor kErrorColour(0xd3, 0x2f, 0x2f);
const QColor kWarningColour(0xe6, 0x8a, 0x00);

} // namespace

SchemaApis::SchemaApis(QsciLexer *lexer) : QsciAbstractAPIs(lexer) {}

void SchemaApis::setCatalog(const SchemaCatalog &catalog)
{
    QSet<QString> words;
    for (const QString &keyword : SqlLexer::sqlKeywords())
        words.insert(keyword.toUpper());
    m_columns.clear();
    for (const SchemaCatalog::Relation &relation : catalog.relations) {
        words.insert(relation.name);
        QStringList &columns = m_columns[relation.name.toLower()];
        for (const QString &column : relation.columns) {
            words.insert(column);
            if (!columns.contains(column))
                columns.append(column);
        }
    }
    for (const QString &function : catalog.functions)
        words.insert(function);
    m_words = QStringList(words.cbegin(), words.cend());
    std::sort(m_words.begin(), m_words.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
}

void SchemaApis::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    // QScintilla passes the words before the cursor joined by the lexer's separators ("."),
    // the last one being what is typed so far.
    const QString prefix = context.value(context.size() - 1);
    const QStringList &candidates =
        context.size() >= 2 ? m_columns.value(context.at(context.size() - 2).toLower()) : m_words;
    for (const QString &word : candidates)
        if (word.startsWith(prefix, Qt::CaseInsensitive) && !list.contains(word))
            list.append(word);
}

QStringList SchemaApis::callTips(const QStringList &, int, QsciScintilla::CallTipsStyle,
                                 QList<int> &)
{
    return {};
}

SqlEditor::SqlEditor(QWidget *parent) : QsciScintilla(parent)
{
    setUtf8(true);
    m_lexer = new SqlLexer(this);
    setLexer(m_lexer);
    m_apis = new SchemaApis(m_lexer);

    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginWidth(0, QStringLiteral("00000"));
    setMarginLineNumbers(0, true);
    setMarginType(kSymbolMargin, QsciScintilla::SymbolMargin);
    setMarginWidth(kSymbolMargin, 14);
    setMarginMarkerMask(kSymbolMargin, (1 << kErrorMarker) | (1 << kWarningMarker));
    setMarginMarkerMask(0, 0);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, kFoldMargin);

    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setAutoIndent(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setCaretLineVisible(true);
    setCaretLineBackgroundColor(QColor(0xf3, 0xf6, 0xfb));
    setEdgeMode(QsciScintilla::EdgeLine);
    setEdgeColumn(100);
    setEdgeColor(QColor(0xe8, 0xe8, 0xe8));

    setAutoCompletionSource(QsciScintilla::AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(true);
    setAutoCompletionUseSingle(QsciScintilla::AcusNever);

    indicatorDefine(QsciScintilla::SquiggleIndicator, errorIndicator);
    setIndicatorForegroundColor(kErrorColour, errorIndicator);
    indicatorDefine(QsciScintilla::SquiggleIndicator, warningIndicator);
    setIndicatorForegroundColor(kWarningColour, warningIndicator);
    indicatorDefine(QsciScintilla::TextColorIndicator, headerKeyIndicator);
    setIndicatorForegroundColor(QColor(0x8e, 0x24, 0xaa), headerKeyIndicator);

    markerDefine(QsciScintilla::Background, kSectionMarker);
    setMarkerBackgroundColor(QColor(0xe8, 0xee, 0xf7), kSectionMarker);
    markerDefine(QsciScintilla::Circle, kErrorMarker);
    setMarkerBackgroundColor(kErrorColour, kErrorMarker);
    setMarkerForegroundColor(kErrorColour, kErrorMarker);
    markerDefine(QsciScintilla::Circle, kWarningMarker);
    setMarkerBackgroundColor(kWarningColour, kWarningMarker);
    setMarkerForegroundColor(kWarningColour, kWarningMarker);

    setCatalog({});
    connect(this, &QsciScintilla::textChanged, this, &SqlEditor::highlightHeader);
    // Resting the mouse on an underline says what is wrong there.
    SendScintilla(SCI_SETMOUSEDWELLTIME, 400);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, [this](int position, int x, int y) {
        QStringList messages;
        for (const LintFinding &problem : std::as_const(m_problems)) {
            const auto [from, to] = problemRange(problem);
            if (position >= from && position < to)
                messages.append(problem.rule + QStringLiteral(": ") + problem.message);
        }
        if (!messages.isEmpty())
            QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)),
                               messages.join(QLatin1Char('\n')), viewport());
    });
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
}

SqlEditor::~SqlEditor() = default;

void SqlEditor::releaseWindowShortcuts()
{
    EditorKeys::release(this, EditorKeys::windowShortcuts(window()));
}

bool SqlEditor::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ShortcutOverride: {
        // QScintilla claims every key it binds here, before the window's shortcuts are asked.
        // Keys without Ctrl, Alt or Meta that type text are the editor's; the others are
        // checked against the window's shortcuts as they stand now.
        const auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers commandModifiers =
            Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
        if ((key->modifiers() & commandModifiers) || key->key() >= Qt::Key_Escape)
            releaseWindowShortcuts();
        break;
    }
    case QEvent::FocusIn: // before anything is typed here
        releaseWindowShortcuts();
        break;
    default:
        break;
    }
    return QsciScintilla::event(event);
}

void SqlEditor::setCatalog(const SchemaCatalog &catalog)
{
    m_apis->setCatalog(catalog);
    QStringList names;
    for (const SchemaCatalog::Relation &relation : catalog.relations)
        names.append(relation.name);
    names += catalog.functions;
    m_lexer->setObjectNames(names);
    setLexer(m_lexer); // the lexer's keyword sets are read again
    highlightHeader();
}

QStringList SqlEditor::completionsFor(const QStringList &context) const
{
    QStringList list;
    m_apis->updateAutoCompletionList(context, list);
    return list;
}

int SqlEditor::positionAt(int line, int column) const
{
    return positionFromLineIndex(qMax(0, line - 1), qMax(0, column - 1));
}

std::pair<int, int> SqlEditor::problemRange(const LintFinding &problem) const
{
    const int line = qBound(0, problem.line - 1, qMax(0, lines() - 1));
    const int lineStart = int(SendScintilla(SCI_POSITIONFROMLINE, line));
    const int lineEnd = int(SendScintilla(SCI_GETLINEENDPOSITION, line));
    if (problem.column > 0) {
        const int from = qMin(positionAt(problem.line, problem.column), lineEnd);
        int to = int(SendScintilla(SCI_WORDENDPOSITION, from, true));
        if (to <= from)
            to = int(SendScintilla(SCI_POSITIONAFTER, from));
        if (from == lineEnd && from > lineStart) // at the end: the last character instead
            return {int(SendScintilla(SCI_POSITIONBEFORE, from)), from};
        return {from, qMin(to, qMax(lineEnd, from + 1))};
    }
    int from = lineStart;
    const QString text = this->text(line);
    for (const QChar c : text) {
        if (!c.isSpace())
            break;
        ++from; // leading blanks are one byte each
    }
    return {from, qMax(lineEnd, from + 1)};
}

bool SqlEditor::isUnderlined(int line, int index, LintFinding::Severity severity) const
{
    const int indicator =
        severity == LintFinding::Severity::Error ? errorIndicator : warningIndicator;
    const int position = positionFromLineIndex(line, index);
    return SendScintilla(SCI_INDICATORVALUEAT, indicator, position) != 0;
}

void SqlEditor::setProblems(const QList<LintFinding> &problems)
{
    m_problems = problems;
    const int length = int(SendScintilla(SCI_GETLENGTH));
    for (int indicator : {errorIndicator, warningIndicator}) {
        SendScintilla(SCI_SETINDICATORCURRENT, indicator);
        SendScintilla(SCI_INDICATORCLEARRANGE, 0, length);
    }
    markerDeleteAll(kErrorMarker);
    markerDeleteAll(kWarningMarker);
    // Where an error and a warning meet, the error's colour wins: warnings first, then each
    // error takes its range (and its line's margin) from them.
    QSet<int> errorLines;
    for (const LintFinding &problem : problems)
        if (problem.severity == LintFinding::Severity::Error)
            errorLines.insert(qMax(0, problem.line - 1));
    for (const LintFinding::Severity severity :
         {LintFinding::Severity::Warning, LintFinding::Severity::Error}) {
        const bool error = severity == LintFinding::Severity::Error;
        for (const LintFinding &problem : problems) {
            if (problem.severity != severity)
                continue;
            const auto [from, to] = problemRange(problem);
            const int length = qMax(1, to - from);
            if (error) {
                SendScintilla(SCI_SETINDICATORCURRENT, warningIndicator);
                SendScintilla(SCI_INDICATORCLEARRANGE, from, length);
            }
            SendScintilla(SCI_SETINDICATORCURRENT, error ? errorIndicator : warningIndicator);
            SendScintilla(SCI_INDICATORFILLRANGE, from, length);
            const int line = qMax(0, problem.line - 1);
            if (error || !errorLines.contains(line))
                markerAdd(line, error ? kErrorMarker : kWarningMarker);
        }
    }
}

std::optional<LintFinding::Severity> SqlEditor::marginSeverity(int line) const
{
    const unsigned mask = markersAtLine(line);
    if (mask & (1u << kErrorMarker))
        return LintFinding::Severity::Error;
    if (mask & (1u << kWarningMarker))
        return LintFinding::Severity::Warning;
    return std::nullopt;
}

int SqlEditor::marginMarkCount(int line) const
{
    const unsigned mask = markersAtLine(line);
    return int(bool(mask & (1u << kErrorMarker))) + int(bool(mask & (1u << kWarningMarker)));
}

void SqlEditor::jumpTo(int line, int column)
{
    const int l = qMax(0, line - 1);
    int index = column > 0 ? column - 1 : 0;
    if (column <= 0) { // the line's first character that is not blank
        const QString text = this->text(l);
        while (index < text.size() && text.at(index).isSpace() && text.at(index) != u'\n')
            ++index;
    }
    setCursorPosition(l, index);
    ensureLineVisible(l);
    setFocus();
}

void SqlEditor::highlightHeader()
{
    // Header keys ("-- down_revision:") in their own colour, section markers on a tinted line:
    // the file's structure stays visible while the SQL is highlighted as SQL.
    static const QRegularExpression key(QStringLiteral("^--\\s*([a-z_]+):"));
    static const QRegularExpression marker(QStringLiteral("^--\\s*\\+(upgrade|downgrade)\\b"));
    SendScintilla(SCI_SETINDICATORCURRENT, headerKeyIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, SendScintilla(SCI_GETLENGTH));
    markerDeleteAll(kSectionMarker);
    bool inHeader = true;
    for (int line = 0; line < lines(); ++line) {
        const QString text = this->text(line);
        if (!text.startsWith(QLatin1String("--")))
            continue;
        if (const auto m = marker.match(text); m.hasMatch()) {
            inHeader = false;
            markerAdd(line, kSectionMarker);
            const int from = positionFromLineIndex(line, 0);
            SendScintilla(SCI_SETINDICATORCURRENT, headerKeyIndicator);
            SendScintilla(SCI_INDICATORFILLRANGE, from, int(m.capturedLength()));
            continue;
        }
        if (!inHeader)
            continue;
        if (const auto m = key.match(text); m.hasMatch()) {
            const int from = positionFromLineIndex(line, int(m.capturedStart(1)));
            SendScintilla(SCI_SETINDICATORCURRENT, headerKeyIndicator);
            SendScintilla(SCI_INDICATORFILLRANGE, from, int(m.capturedLength(1)) + 1);
        }
    }
}

} // namespace strata::gui
