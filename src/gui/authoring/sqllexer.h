#pragma once

#include "qsci.h"

#include <QStringList>

namespace strata::gui {

// SQL highlighting with PostgreSQL's keywords, and the live schema's tables, views and
// functions as a second keyword set, so names the database knows stand out from typos. Each
// editor owns its own lexer.
class SqlLexer : public QsciLexerSQL
{
    Q_OBJECT

public:
    explicit SqlLexer(QObject *parent = nullptr);

    const char *keywords(int set) const override;
    // "." separates a table from its column, so completion after "orders." offers columns.
    QStringList autoCompletionWordSeparators() const override;

    // The schema's names (lower case), highlighted as database objects.
    void setObjectNames(const QStringList &names);

    static const QStringList &sqlKeywords();

private:
    QByteArray m_objectNames;
};

} // namespace strata::gui
