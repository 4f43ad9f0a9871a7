/**
 * UI kit — small components in WeChat's visual language (designWidth 750: 88px = 44 CSS px).
 * Import from '@/components' (or the component folder). Every page should render inside <AppPage>.
 *
 * - AppPage { className?, bottomBar?, children } — page shell; adds `elder` (适老化: larger fonts,
 *   ≥ 44 px tap targets, high contrast) from the remembered setting (`useElderMode()` in '@/hooks',
 *   stored under Taro storage key 'ui.elder'). Component styles carry `.elder .x { … }` overrides.
 * - AsyncButton { onClick: () => Promise, children, type?: 'primary'|'default'|'warn', size?: 'normal'|'small',
 *   disabled?, confirm?: string | {title, content?, confirmText?, cancelText?}, successToast?, onError?, className? }
 *   — disabled + 加载中… while running; optional Taro.showModal first; failure → toast of errorMessage(err).
 * - PagedList<T> { load: (cursor?) => Promise<{items, nextCursor?}>, renderItem, keyOf, emptyText?, reloadKey?, refreshOnShow? }
 *   — first page, 加载更多 / reach-bottom, pull-to-refresh (page config: `enablePullDownRefresh: true`),
 *   loading / empty / error via StateView. One PagedList per page (it owns the page's pull-down / reach-bottom).
 * - StatusTag { state: OrderState, overdue?, className? } — label exactly ORDER_STATE_LABELS, colour by state group.
 * - Timeline { entries: {key, title, time?: ms|string, actor?, note?}[], newestFirst? = true }; formatDateTime(ms).
 * - FormField { label, required?, error?, hint?, inline?, children } — classes `form-field__input`,
 *   `form-field__textarea`, `form-field__picker`, `form-field__placeholder` style the controls inside;
 *   FieldInput / FieldTextarea { …Input/Textarea props, onChange(value) } are the text boxes with those classes.
 * - Tabs<K> { tabs: {key, label, badge?}[], active, onChange(key) }.
 * - StateView { loading?, error?, empty?, emptyText?, onRetry? } and LoadState<T>.
 * - CategoryGrid { categories, onSelect? }; DevIdentityBanner (H5 only).
 * - CloudImage { fileID, className?, mode?, onClick? } — a cloud:// photo on both platforms (browser: the
 *   gateway's temp URL, cached); CloudPhotos { fileIDs } — thumbnails, tap to preview; previewCloudImages(ids, current).
 * - PhotoPicker { value, onChange, folder, max? = PHOTOS_MAX } — thumbnails with 删除 + an 添加照片 tile that
 *   chooses and uploads (chooseAndUploadPhotos in '@/services/photo-upload'); failures toasted.
 * - ItemFormFields { form, values, onChange(key, value), errors? } — 点单附加项: an item's own questions (text,
 *   number with unit, choice chips) as FormFields; pair with answersPayload / checkFormAnswers from the domain.
 * - OrderCard { order: OrderSummary, onClick? }; formatWindow(w) — the one 期望时间 text (order answers: '@/domain/order/order.views').
 * - roles: roleLabel(code), roleRank(code), ROLE_GROUPS (from the domain's ROLE_LABELS).
 */
export { AppPage, type AppPageProps } from './app-page';
export { AsyncButton, type AsyncButtonProps, type ConfirmOptions } from './async-button';
export { type Category, CategoryGrid } from './category-grid';
export { CloudImage, type CloudImageProps, CloudPhotos, type CloudPhotosProps, previewCloudImages } from './cloud-image';
export { FieldInput, FieldTextarea, FormField, type FormFieldProps } from './form-field';
export { ItemFormFields, type ItemFormFieldsProps } from './item-form-fields';
export * from './order-card';
export { type Page, PagedList, type PagedListProps } from './paged-list';
export { PhotoPicker, type PhotoPickerProps } from './photo-picker';
export { OTHER_GROUP, ROLE_GROUPS, roleLabel, roleRank } from './roles';
export { LoadPlaceholder, type LoadState, StateView } from './state-view';
export { StatusTag, type StatusTagProps } from './status-tag';
export { type TabItem, Tabs, type TabsProps } from './tabs';
export { formatDateTime, Timeline, type TimelineEntry, type TimelineProps } from './timeline';
