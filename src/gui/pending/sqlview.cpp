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
    setWrapMode(QsciScintilla::WrapNone);
    setCaretLineVisible(false);
}

void SqlView::showSql(const QString &sql, int firstLine)
{
    setReadOnly(false);
    setText(sql);
    setReadOnly(true);
    // File line numbers in the margin, so "file:42" in an error is easy to find here.
    clearMarginText();
    const int lineCount = lines();
    for (int i = 0; i < lineCount; ++i)
        setMarginText(i, QString::number(firstLine + i), QsciScintillaBase::STYLE_LINENUMBER);
    setMarginWidth(0, QString::number(firstLine + lineCount) + QStringLiteral("00"));
}

} // namespace strata::gui
