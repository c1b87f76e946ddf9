#include "pending/sqlview.h"

#include <QFontDatabase>

namespace strata::gui {

SqlView::SqlView(QWidget *parent) : QsciScintilla(parent)
{
    auto *lexer = new QsciLexerSQL(this); // each view owns its lexer
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    lexer->setFoldComments(true);
    setLexer(lexer);
    setReadOnly(true);
    setUtf8(true);
    setMarginType(0, QsciScintilla::TextMarginRightJustified);
    setMarginsFont(mono);
    setMarginWidth(0, QStringLiteral("00000"));
    // Long statements wrap, so a step reads without scrolling sideways.
    setWrapMode(QsciScintilla::WrapWord);
    setWrapIndentMode(QsciScintilla::WrapIndentIndented);
    setCaretLineVisible(false);
    // A horizontal scroll bar only when a line is wider than the view.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, true);
}

void SqlView::showSql(const QString &sql, int firstLine)
{
    setReadOnly(false);
    // The blank lines between sections belong to the file, not to the step.
    QString text = sql;
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    setText(text);
    setReadOnly(true);
    // File line numbers in the margin, so "file:42" in an error is easy to find here.
    clearMarginText();
    const int lineCount = lines();
    for (int i = 0; i < lineCount; ++i)
        setMarginText(i, QString::number(firstLine + i), QsciScintillaBase::STYLE_LINENUMBER);
    setMarginWidth(0, QString::number(firstLine + lineCount) + QStringLiteral("00"));
}

} // namespace strata::gui
