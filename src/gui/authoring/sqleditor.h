#pragma once

#include "drivers/driver.h"
#include "lint/linter.h"
#include "qsci.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace strata::gui {

class SqlLexer;

// What completion offers: after "table." that table's columns, else SQL keywords and the
// schema's tables, views, columns and functions, matched by prefix without regard to case.
class SchemaApis : public QsciAbstractAPIs
{
public:
    explicit SchemaApis(QsciLexer *lexer);

    void setCatalog(const SchemaCatalog &catalog);
    void updateAutoCompletionList(const QStringList &context, QStringList &list) override;
    QStringList callTips(const QStringList &context, int commas, QsciScintilla::CallTipsStyle style,
                         QList<int> &shifts) override;

private:
    QStringList m_words;                   // sorted, no duplicates
    QHash<QString, QStringList> m_columns; // lower-case table name -> its columns
};

// A migration file's text: SQL highlighting, the header's keys and the section markers set
// apart, line numbers, folding, completion of keywords and the live schema's names, and
// problems underlined where they are (red for errors, amber for warnings) with a mark in the
// margin. Knows nothing of files or databases; MigrationEditor feeds it.
class SqlEditor : public QsciScintilla
{
    Q_OBJECT

public:
    explicit SqlEditor(QWidget *parent = nullptr);
    ~SqlEditor() override;

    // Completion words: keywords, tables and views, their columns, functions.
    void setCatalog(const SchemaCatalog &catalog);
    // What completion would offer for `context` (words before the cursor split at "."), e.g.
    // {"orders", ""} for the columns of orders: the same list the popup shows.
    QStringList completionsFor(const QStringList &context) const;

    void setProblems(const QList<LintFinding> &problems);
    const QList<LintFinding> &problems() const { return m_problems; }
    // The text range underlined for a problem, as character positions (for tests and jumps).
    std::pair<int, int> problemRange(const LintFinding &problem) const;
    // True when the character at (line, index), both 0-based, is underlined by a problem of the
    // given severity.
    bool isUnderlined(int line, int index, LintFinding::Severity severity) const;

    // The severity whose mark the margin shows at a 0-based line, or nullopt for none. One mark
    // a line: an error's when the line has one.
    std::optional<LintFinding::Severity> marginSeverity(int line) const;
    // Marks in the margin at a 0-based line, for tests: how many problem symbols are drawn.
    int marginMarkCount(int line) const;

    // Moves the cursor to a 1-based line and column (0: the line's first character).
    void jumpTo(int line, int column);

    // Gives up every key binding of the editor's own that a shortcut of its window uses, so the
    // shortcut fires (EditorKeys). Done when it gets the focus and before each key a shortcut may
    // take, so actions added later are covered too.
    void releaseWindowShortcuts();

    // Indicator numbers, for tests that look at what is drawn.
    static constexpr int errorIndicator = 8;
    static constexpr int warningIndicator = 9;
    static constexpr int headerKeyIndicator = 10;

protected:
    bool event(QEvent *event) override;

private:
    void highlightHeader();
    int positionAt(int line, int column) const; // 1-based line and column (character)

    SqlLexer *m_lexer = nullptr;
    SchemaApis *m_apis = nullptr;
    QList<LintFinding> m_problems;
};

} // namespace strata::gui
