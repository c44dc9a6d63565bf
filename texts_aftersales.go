package frontoffice

// afterSalesTexts are the texts of the after-sales loop: complaints
// (CMP-1..5), follow-up calls (FU-1..9) and surveys (SUR-1, SUR-2).
var afterSalesTexts = Catalog{}
