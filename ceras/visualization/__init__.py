"""ceras.visualization: drawing masks and boxes on images, image galleries
(keras.visualization). Drawing uses NumPy and Pillow; galleries use matplotlib."""
from ceras.visualization.draw_bounding_boxes import draw_bounding_boxes
from ceras.visualization.draw_segmentation_masks import draw_segmentation_masks
from ceras.visualization.plot_image_gallery import (
    plot_bounding_box_gallery, plot_image_gallery, plot_segmentation_mask_gallery,
)

__all__ = ["draw_bounding_boxes", "draw_segmentation_masks", "plot_bounding_box_gallery",
           "plot_image_gallery", "plot_segmentation_mask_gallery"]
